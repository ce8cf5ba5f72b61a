/** All cloud functions, registered once. `auth.devLogin` exists only in demo mode. */
import { contracts } from '../contract';
import * as auth from './auth';
import * as org from './org';
import * as activity from './activity';
import * as membership from './membership';
import * as fundEntries from './fund/entries';
import * as fundLedger from './fund/ledger';
import * as fundAttachments from './fund/attachments';
import * as fundQuarter from './fund/quarter';
import * as fundNotices from './fund/notices';
import * as fundQuestions from './fund/questions';
import * as fundSettings from './fund/settings';
import * as fundOverview from './fund/overview';
import * as organisation from './organisation';
import * as lifecycle from './lifecycle';
import * as request from './request';
import * as memberFile from './member-file';
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
    fundEntries.addEntry,
    fundEntries.approve,
    fundEntries.reverse,
    fundLedger.ledger,
    fundEntries.comment,
    fundAttachments.attach,
    fundAttachments.attachment,
    fundQuarter.closeQuarter,
    fundQuarter.signOff,
    fundNotices.previewNotice,
    fundNotices.publishNotice,
    fundNotices.listNotices,
    fundNotices.getNotice,
    fundNotices.verifyNotice,
    fundQuestions.ask,
    fundQuestions.answer,
    fundSettings.settings,
    fundSettings.updateSettings,
    fundOverview.overview,
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
  if (mode === 'demo') fns.push(auth.devLogin);
  const registry = new Registry();
  for (const fn of fns) registry.register(fn);
  // Every contract has its function (devLogin aside in production), and nothing else is registered.
  const expected = Object.keys(contracts).filter((n) => mode === 'demo' || n !== 'auth.devLogin');
  const missing = expected.filter((n) => !registry.get(n));
  if (missing.length) throw new Error(`registry: contracts without a function: ${missing.join(', ')}`);
  return registry;
}
