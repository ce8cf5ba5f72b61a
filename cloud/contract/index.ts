/**
 * Every cloud function's contract, by name. The client types its calls from this
 * map; the host refuses to start if a contract has no registered function and
 * vice versa (see `cloud/functions/index.ts`).
 *
 * The app imports only types from here (`import type`), plus run-time constants
 * from `labels.ts` and `errors.ts`, which do not pull in zod.
 */
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
import * as membershipInvite from './membership/invite';
import * as membershipApply from './membership/apply';
import * as membershipMyStatus from './membership/my-status';
import * as membershipCard from './membership/card';
import * as membershipApplications from './membership/applications';
import * as membershipReview from './membership/review';
import * as membershipRoster from './membership/roster';
import * as membershipLeave from './membership/leave';
import * as membershipExport from './membership/export';
import * as membershipImport from './membership/import';
import * as membershipStats from './membership/stats';
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
import * as notify from './notify/notify.contract';
import type { AnyContract, InputOfContract, OutputOfContract } from './define';

// One namespace per wire-name prefix: the files follow the concerns (cloud/contract/org/committees.ts…).
const auth = { ...authDevLogin, ...authLogin, ...authSession };
const org = { ...orgTree, ...orgInvitations, ...orgCommittees, ...orgCompliance };
const request = { ...requestSubmit, ...requestView, ...requestHandle, ...requestStats };

export const contracts = {
  [auth.devLogin.name]: auth.devLogin,
  [auth.wechatLogin.name]: auth.wechatLogin,
  [auth.staffLogin.name]: auth.staffLogin,
  [auth.me.name]: auth.me,
  [auth.logout.name]: auth.logout,
  [org.tree.name]: org.tree,
  [org.invite.name]: org.invite,
  [activityManage.create.name]: activityManage.create,
  [activityManage.update.name]: activityManage.update,
  [activityManage.publish.name]: activityManage.publish,
  [activityManage.cancel.name]: activityManage.cancel,
  [activityManage.finish.name]: activityManage.finish,
  [activityBrowse.list.name]: activityBrowse.list,
  [activityBrowse.listByUnion.name]: activityBrowse.listByUnion,
  [activityBrowse.get.name]: activityBrowse.get,
  [activitySignUp.signUp.name]: activitySignUp.signUp,
  [activitySignUp.cancelSignUp.name]: activitySignUp.cancelSignUp,
  [activityBrowse.mine.name]: activityBrowse.mine,
  [activityCheckIn.checkInCode.name]: activityCheckIn.checkInCode,
  [activityCheckIn.checkIn.name]: activityCheckIn.checkIn,
  [activityScan.scanMember.name]: activityScan.scanMember,
  [activityAttendance.attendance.name]: activityAttendance.attendance,
  [activityAttendance.participants.name]: activityAttendance.participants,
  [activityRecord.record.name]: activityRecord.record,
  [activityRecord.saveRecord.name]: activityRecord.saveRecord,
  [activityRecord.exportRecord.name]: activityRecord.exportRecord,
  [activityRecord.history.name]: activityRecord.history,
  [org.listInvites.name]: org.listInvites,
  [org.revokeInvite.name]: org.revokeInvite,
  [org.invitePoster.name]: org.invitePoster,
  [membershipInvite.resolveInvite.name]: membershipInvite.resolveInvite,
  [membershipInvite.joinUrlLink.name]: membershipInvite.joinUrlLink,
  [membershipApply.apply.name]: membershipApply.apply,
  [membershipMyStatus.myStatus.name]: membershipMyStatus.myStatus,
  [membershipCard.card.name]: membershipCard.card,
  [membershipApplications.listApplications.name]: membershipApplications.listApplications,
  [membershipReview.review.name]: membershipReview.review,
  [membershipReview.approveMany.name]: membershipReview.approveMany,
  [membershipRoster.roster.name]: membershipRoster.roster,
  [membershipRoster.reveal.name]: membershipRoster.reveal,
  [membershipLeave.leave.name]: membershipLeave.leave,
  [membershipExport.exportRoster.name]: membershipExport.exportRoster,
  [membershipExport.exportRosterFull.name]: membershipExport.exportRosterFull,
  [membershipImport.importRoster.name]: membershipImport.importRoster,
  [membershipStats.stats.name]: membershipStats.stats,
  [fundEntries.addEntry.name]: fundEntries.addEntry,
  [fundEntries.approve.name]: fundEntries.approve,
  [fundEntries.reverse.name]: fundEntries.reverse,
  [fundLedger.ledger.name]: fundLedger.ledger,
  [fundEntries.comment.name]: fundEntries.comment,
  [fundAttachments.attach.name]: fundAttachments.attach,
  [fundAttachments.attachment.name]: fundAttachments.attachment,
  [fundQuarter.closeQuarter.name]: fundQuarter.closeQuarter,
  [fundQuarter.signOff.name]: fundQuarter.signOff,
  [fundNotices.previewNotice.name]: fundNotices.previewNotice,
  [fundNotices.publishNotice.name]: fundNotices.publishNotice,
  [fundNotices.listNotices.name]: fundNotices.listNotices,
  [fundNotices.getNotice.name]: fundNotices.getNotice,
  [fundNotices.verifyNotice.name]: fundNotices.verifyNotice,
  [fundQuestions.ask.name]: fundQuestions.ask,
  [fundQuestions.answer.name]: fundQuestions.answer,
  [fundSettings.settings.name]: fundSettings.settings,
  [fundSettings.updateSettings.name]: fundSettings.updateSettings,
  [fundOverview.overview.name]: fundOverview.overview,
  [org.committees.name]: org.committees,
  [org.setTerm.name]: org.setTerm,
  [org.approvalFile.name]: org.approvalFile,
  [org.setSeat.name]: org.setSeat,
  [org.recordElection.name]: org.recordElection,
  [org.compliance.name]: org.compliance,
  [org.complianceOverview.name]: org.complianceOverview,
  [org.tickItem.name]: org.tickItem,
  [org.setComplianceTarget.name]: org.setComplianceTarget,
  [transfers.transfer.name]: transfers.transfer,
  [transfers.confirmTransfer.name]: transfers.confirmTransfer,
  [transfers.cancelTransfer.name]: transfers.cancelTransfer,
  [transfers.listTransfers.name]: transfers.listTransfers,
  [dataRequests.requestCorrection.name]: dataRequests.requestCorrection,
  [dataRequests.requestDeletion.name]: dataRequests.requestDeletion,
  [myData.myData.name]: myData.myData,
  [dataRequests.myRequests.name]: dataRequests.myRequests,
  [dataRequests.listDataRequests.name]: dataRequests.listDataRequests,
  [dataRequests.handleDataRequest.name]: dataRequests.handleDataRequest,
  [purge.purgeExpired.name]: purge.purgeExpired,
  [request.submit.name]: request.submit,
  [request.mine.name]: request.mine,
  [request.list.name]: request.list,
  [request.get.name]: request.get,
  [request.reply.name]: request.reply,
  [request.close.name]: request.close,
  [request.escalate.name]: request.escalate,
  [request.rate.name]: request.rate,
  [request.photo.name]: request.photo,
  [request.stats.name]: request.stats,
  [org.tickPhoto.name]: org.tickPhoto,
  [org.recordChairReport.name]: org.recordChairReport,
  [org.exportComplianceOverview.name]: org.exportComplianceOverview,
  [memberFile.attach.name]: memberFile.attach,
  [memberFile.memberFile.name]: memberFile.memberFile,
  [memberFile.attachment.name]: memberFile.attachment,
  [memberFile.removeAttachment.name]: memberFile.removeAttachment,
  [memberFile.myFile.name]: memberFile.myFile,
  [memberFile.attachOwn.name]: memberFile.attachOwn,
  [memberFile.myAttachment.name]: memberFile.myAttachment,
  [memberFile.removeOwnAttachment.name]: memberFile.removeOwnAttachment,
  [notify.list.name]: notify.list,
  [notify.markRead.name]: notify.markRead,
  [notify.settings.name]: notify.settings,
  [notify.subscribe.name]: notify.subscribe,
  [notify.counts.name]: notify.counts,
} as const satisfies Record<string, AnyContract>;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type InputOf<N extends FunctionName> = InputOfContract<Contracts[N]>;
export type OutputOf<N extends FunctionName> = OutputOfContract<Contracts[N]>;

export type { SessionUser, LoginResult } from './auth/session';
export type { ActivityDetail, ActivityListItem, MyActivityItem, MyActivityStatus, StaffActivityItem } from './activity/browse';
export type { AttemptRow, Attendance, Participant } from './activity/attendance';
export type { ScanResult } from './activity/scan';
export type { ActivityRecord, HistoryItem } from './activity/record';
export type { FileResult } from './file';
export type { OrgTree, UnitNode } from './org/tree';
export type { InvitationInfo, InviteResult, PosterResult, WechatFallback } from './org/invitations';
export type { CommitteeInfo, CommitteesResult, TermApprovalFileInfo, SeatInfo, ReelectionItem } from './org/committees';
export type { ComplianceResult } from './org/compliance';
export type { InviteInfo, JoinUrlLink, JoinUnitOption } from './membership/invite';
export type { ApplyResult } from './membership/apply';
export type { MyStatus } from './membership/my-status';
export type { MemberCard } from './membership/card';
export type { ApplicationItem, FlaggedAttempt } from './membership/applications';
export type { BulkResult } from './membership/review';
export type { RosterItem } from './membership/roster';
export type { ImportProblem, ImportPreview, ImportConfirmed } from './membership/import';
export type { UnionStats, UnitStats } from './membership/stats';
export type { EntryFlag } from './fund/fields';
export type { LedgerItem, LedgerResult, PeriodState } from './fund/ledger';
export type { NoticeDetail, NoticeFigures, NoticeListItem, NoticePreview, NoticeQuestion } from './fund/notices';
export type { FundSettings } from './fund/settings';
export type { OverviewQuarter } from './fund/overview';
export type { TransferItem } from './membership/transfer';
export type { DataRequestItem, MyRequests } from './membership/data-requests';
export type { RequestCounts, RequestEscalation, RequestListItem, RequestPerson } from './request/items';
export type { RequestDetail, RequestMessage } from './request/view';
export type { OverdueRequest, RequestStats, RequestUnionStats } from './request/stats';
export type { MemberAttachmentInfo, MemberFileResult, MyAttachmentInfo, MyFileResult } from './membership/member-file';
export type { NotifyItem, NotifySettings, NotifyCounts } from './notify/notify.contract';
