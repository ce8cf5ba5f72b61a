/** All cloud functions, registered once. `auth.devLogin` exists only in demo mode. */
import { contracts } from '../contract';
import * as authDevLogin from './auth/dev-login';
import * as authLogin from './auth/login';
import * as authSession from './auth/session';
import * as orgTree from './org/tree';
import * as orgInvitations from './org/invitations';
import * as orgCommittees from './org/committees';
import * as orgCompliance from './org/compliance';
import * as activityManage from './activity/manage';
import * as activityBrowse from './activity/browse';
import * as activitySignUp from './activity/sign-up';
import * as activityCheckIn from './activity/check-in';
import * as activityScan from './activity/scan';
import * as activityAttendance from './activity/attendance';
import * as activityRecord from './activity/record';
import { joinUrlLink, resolveInvite } from './membership/invite';
import { apply } from './membership/apply';
import { myStatus } from './membership/my-status';
import { card } from './membership/card';
import { listApplications } from './membership/applications';
import { approveMany, review } from './membership/review';
import { reveal, roster } from './membership/roster';
import { leave } from './membership/leave';
import { exportRoster, exportRosterFull } from './membership/export';
import { importRoster } from './membership/import';
import { stats } from './membership/stats';
import * as fundEntries from './fund/entries';
import * as fundLedger from './fund/ledger';
import * as fundAttachments from './fund/attachments';
import * as fundQuarter from './fund/quarter';
import * as fundNotices from './fund/notices';
import * as fundQuestions from './fund/questions';
import * as fundSettings from './fund/settings';
import * as fundOverview from './fund/overview';
import * as transfers from './membership/transfer';
import * as dataRequests from './membership/data-requests';
import * as myData from './membership/my-data';
import * as purge from './membership/purge';
import * as requestSubmit from './request/submit';
import * as requestView from './request/view';
import * as requestHandle from './request/handle';
import * as requestStats from './request/stats';
import * as memberFile from './membership/member-file';
import { list as notifyList } from './notify/list';
import { markRead as notifyMarkRead } from './notify/mark-read';
import { settings as notifySettings } from './notify/settings';
import { subscribe as notifySubscribe } from './notify/subscribe';
import { counts as notifyCounts } from './notify/counts';
import { Registry, type AnyFunctionDef } from './registry';

export function buildRegistry(mode: 'demo' | 'production'): Registry {
  const fns: AnyFunctionDef[] = [
    authLogin.wechatLogin,
    authLogin.staffLogin,
    authSession.me,
    authSession.logout,
    orgTree.tree,
    orgInvitations.invite,
    orgInvitations.listInvites,
    orgInvitations.revokeInvite,
    orgInvitations.invitePoster,
    resolveInvite,
    joinUrlLink,
    apply,
    myStatus,
    card,
    listApplications,
    review,
    approveMany,
    roster,
    reveal,
    leave,
    exportRoster,
    exportRosterFull,
    importRoster,
    stats,

  ];
  fns.push(
    activityManage.create,
    activityManage.update,
    activityManage.publish,
    activityManage.cancel,
    activityManage.finish,
    activityBrowse.list,
    activityBrowse.listByUnion,
    activityBrowse.get,
    activitySignUp.signUp,
    activitySignUp.cancelSignUp,
    activityBrowse.mine,
    activityCheckIn.checkInCode,
    activityCheckIn.checkIn,
    activityScan.scanMember,
    activityAttendance.attendance,
    activityAttendance.participants,
    activityRecord.record,
    activityRecord.saveRecord,
    activityRecord.exportRecord,
    activityRecord.history,
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
    orgCommittees.committees,
    orgCommittees.setTerm,
    orgCommittees.approvalFile,
    orgCommittees.setSeat,
    orgCommittees.recordElection,
    orgCompliance.compliance,
    orgCompliance.complianceOverview,
    orgCompliance.tickItem,
    orgCompliance.setComplianceTarget,
    orgCompliance.tickPhoto,
    orgCompliance.recordChairReport,
    orgCompliance.exportComplianceOverview,
  );
  fns.push(
    transfers.transfer,
    transfers.confirmTransfer,
    transfers.cancelTransfer,
    transfers.listTransfers,
    dataRequests.requestCorrection,
    dataRequests.requestDeletion,
    myData.myData,
    dataRequests.myRequests,
    dataRequests.listDataRequests,
    dataRequests.handleDataRequest,
    purge.purgeExpired,
  );
  fns.push(
    requestSubmit.submit,
    requestSubmit.mine,
    requestView.list,
    requestView.get,
    requestHandle.reply,
    requestHandle.close,
    requestHandle.rate,
    requestView.photo,
    requestStats.stats,
    requestHandle.escalate,
  );
  fns.push(memberFile.attach, memberFile.memberFile, memberFile.attachment, memberFile.removeAttachment);
  fns.push(memberFile.myFile, memberFile.attachOwn, memberFile.myAttachment, memberFile.removeOwnAttachment);
  fns.push(notifyList, notifyMarkRead, notifySettings, notifySubscribe, notifyCounts);
  if (mode === 'demo') fns.push(authDevLogin.devLogin);
  const registry = new Registry();
  for (const fn of fns) registry.register(fn);
  // Every contract has its function (devLogin aside in production), and nothing else is registered.
  const expected = Object.keys(contracts).filter((n) => mode === 'demo' || n !== 'auth.devLogin');
  const missing = expected.filter((n) => !registry.get(n));
  if (missing.length) throw new Error(`registry: contracts without a function: ${missing.join(', ')}`);
  return registry;
}
