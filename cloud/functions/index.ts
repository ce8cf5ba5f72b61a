/** All cloud functions, registered once. `auth.devLogin` exists only in demo mode. */
import { contracts } from '../contract';
import * as auth from './auth';
import * as org from './org';
import * as activity from './activity';
import * as membership from './membership';
import * as fund from './fund';
import * as organisation from './organisation';
import * as lifecycle from './lifecycle';
import * as request from './request';
import * as memberFile from './member-file';
import * as notify from './notify';
import { Registry, type AnyFunctionDef } from './registry';

export function buildRegistry(mode: 'demo' | 'production'): Registry {
  const fns: AnyFunctionDef[] = [
    auth.wechatLogin,
    auth.staffLogin,
    auth.me,
    auth.logout,
    org.tree,
    org.invite,
    org.listInvites,
    org.revokeInvite,
    org.invitePoster,
    membership.resolveInvite,
    membership.joinUrlLink,
    membership.apply,
    membership.myStatus,
    membership.card,
    membership.listApplications,
    membership.review,
    membership.approveMany,
    membership.roster,
    membership.reveal,
    membership.leave,
    membership.exportRoster,
    membership.exportRosterFull,
    membership.importRoster,
    membership.stats,
  ];
  fns.push(
    activity.create,
    activity.update,
    activity.publish,
    activity.cancel,
    activity.finish,
    activity.list,
    activity.listByUnion,
    activity.get,
    activity.signUp,
    activity.cancelSignUp,
    activity.mine,
    activity.checkInCode,
    activity.checkIn,
    activity.scanMember,
    activity.attendance,
    activity.participants,
    activity.record,
    activity.saveRecord,
    activity.exportRecord,
    activity.history,
    fund.addEntry,
    fund.approve,
    fund.reverse,
    fund.ledger,
    fund.comment,
    fund.attach,
    fund.attachment,
    fund.closeQuarter,
    fund.signOff,
    fund.previewNotice,
    fund.publishNotice,
    fund.listNotices,
    fund.getNotice,
    fund.verifyNotice,
    fund.ask,
    fund.answer,
    fund.settings,
    fund.updateSettings,
    fund.overview,
  );
  fns.push(
    organisation.committees,
    organisation.setTerm,
    organisation.approvalFile,
    organisation.setSeat,
    organisation.recordElection,
    organisation.compliance,
    organisation.complianceOverview,
    organisation.tickItem,
    organisation.setComplianceTarget,
    organisation.tickPhoto,
    organisation.recordChairReport,
    organisation.exportComplianceOverview,
  );
  fns.push(
    lifecycle.transfer,
    lifecycle.confirmTransfer,
    lifecycle.cancelTransfer,
    lifecycle.listTransfers,
    lifecycle.requestCorrection,
    lifecycle.requestDeletion,
    lifecycle.myData,
    lifecycle.myRequests,
    lifecycle.listDataRequests,
    lifecycle.handleDataRequest,
    lifecycle.purgeExpired,
  );
  fns.push(request.submit, request.mine, request.list, request.get, request.reply, request.close, request.rate, request.photo, request.stats, request.escalate);
  fns.push(memberFile.attach, memberFile.memberFile, memberFile.attachment, memberFile.removeAttachment);
  fns.push(memberFile.myFile, memberFile.attachOwn, memberFile.myAttachment, memberFile.removeOwnAttachment);
  fns.push(notify.list, notify.markRead, notify.settings, notify.subscribe, notify.counts);
  if (mode === 'demo') fns.push(auth.devLogin);
  const registry = new Registry();
  for (const fn of fns) registry.register(fn);
  // Every contract has its function (devLogin aside in production), and nothing else is registered.
  const expected = Object.keys(contracts).filter((n) => mode === 'demo' || n !== 'auth.devLogin');
  const missing = expected.filter((n) => !registry.get(n));
  if (missing.length) throw new Error(`registry: contracts without a function: ${missing.join(', ')}`);
  return registry;
}
