/**
 * Every cloud function's contract, by name. The client types its calls from this
 * map; the host refuses to start if a contract has no registered function and
 * vice versa (see `cloud/functions/index.ts`).
 *
 * The app imports only types from here (`import type`), plus run-time constants
 * from `labels.ts` and `errors.ts`, which do not pull in zod.
 */
import * as auth from './auth.contract';
import * as org from './org.contract';
import * as activity from './activity.contract';
import * as membership from './membership.contract';
import * as fund from './fund.contract';
import * as lifecycle from './lifecycle.contract';
import * as request from './request.contract';
import * as memberFile from './member-file.contract';
import * as notify from './notify/notify.contract';
import type { AnyContract, InputOfContract, OutputOfContract } from './define';

export const contracts = {
  [auth.devLogin.name]: auth.devLogin,
  [auth.wechatLogin.name]: auth.wechatLogin,
  [auth.staffLogin.name]: auth.staffLogin,
  [auth.me.name]: auth.me,
  [auth.logout.name]: auth.logout,
  [org.tree.name]: org.tree,
  [org.invite.name]: org.invite,
  [activity.create.name]: activity.create,
  [activity.update.name]: activity.update,
  [activity.publish.name]: activity.publish,
  [activity.cancel.name]: activity.cancel,
  [activity.finish.name]: activity.finish,
  [activity.list.name]: activity.list,
  [activity.listByUnion.name]: activity.listByUnion,
  [activity.get.name]: activity.get,
  [activity.signUp.name]: activity.signUp,
  [activity.cancelSignUp.name]: activity.cancelSignUp,
  [activity.mine.name]: activity.mine,
  [activity.checkInCode.name]: activity.checkInCode,
  [activity.checkIn.name]: activity.checkIn,
  [activity.scanMember.name]: activity.scanMember,
  [activity.attendance.name]: activity.attendance,
  [activity.participants.name]: activity.participants,
  [activity.record.name]: activity.record,
  [activity.saveRecord.name]: activity.saveRecord,
  [activity.exportRecord.name]: activity.exportRecord,
  [activity.history.name]: activity.history,
  [org.listInvites.name]: org.listInvites,
  [org.revokeInvite.name]: org.revokeInvite,
  [org.invitePoster.name]: org.invitePoster,
  [membership.resolveInvite.name]: membership.resolveInvite,
  [membership.joinUrlLink.name]: membership.joinUrlLink,
  [membership.apply.name]: membership.apply,
  [membership.myStatus.name]: membership.myStatus,
  [membership.card.name]: membership.card,
  [membership.listApplications.name]: membership.listApplications,
  [membership.review.name]: membership.review,
  [membership.approveMany.name]: membership.approveMany,
  [membership.roster.name]: membership.roster,
  [membership.reveal.name]: membership.reveal,
  [membership.leave.name]: membership.leave,
  [membership.exportRoster.name]: membership.exportRoster,
  [membership.exportRosterFull.name]: membership.exportRosterFull,
  [membership.importRoster.name]: membership.importRoster,
  [membership.stats.name]: membership.stats,
  [fund.addEntry.name]: fund.addEntry,
  [fund.approve.name]: fund.approve,
  [fund.reverse.name]: fund.reverse,
  [fund.ledger.name]: fund.ledger,
  [fund.comment.name]: fund.comment,
  [fund.attach.name]: fund.attach,
  [fund.attachment.name]: fund.attachment,
  [fund.closeQuarter.name]: fund.closeQuarter,
  [fund.signOff.name]: fund.signOff,
  [fund.previewNotice.name]: fund.previewNotice,
  [fund.publishNotice.name]: fund.publishNotice,
  [fund.listNotices.name]: fund.listNotices,
  [fund.getNotice.name]: fund.getNotice,
  [fund.verifyNotice.name]: fund.verifyNotice,
  [fund.ask.name]: fund.ask,
  [fund.answer.name]: fund.answer,
  [fund.settings.name]: fund.settings,
  [fund.updateSettings.name]: fund.updateSettings,
  [fund.overview.name]: fund.overview,
  [org.committees.name]: org.committees,
  [org.setTerm.name]: org.setTerm,
  [org.approvalFile.name]: org.approvalFile,
  [org.setSeat.name]: org.setSeat,
  [org.recordElection.name]: org.recordElection,
  [org.compliance.name]: org.compliance,
  [org.complianceOverview.name]: org.complianceOverview,
  [org.tickItem.name]: org.tickItem,
  [org.setComplianceTarget.name]: org.setComplianceTarget,
  [lifecycle.transfer.name]: lifecycle.transfer,
  [lifecycle.confirmTransfer.name]: lifecycle.confirmTransfer,
  [lifecycle.cancelTransfer.name]: lifecycle.cancelTransfer,
  [lifecycle.listTransfers.name]: lifecycle.listTransfers,
  [lifecycle.requestCorrection.name]: lifecycle.requestCorrection,
  [lifecycle.requestDeletion.name]: lifecycle.requestDeletion,
  [lifecycle.myData.name]: lifecycle.myData,
  [lifecycle.myRequests.name]: lifecycle.myRequests,
  [lifecycle.listDataRequests.name]: lifecycle.listDataRequests,
  [lifecycle.handleDataRequest.name]: lifecycle.handleDataRequest,
  [lifecycle.purgeExpired.name]: lifecycle.purgeExpired,
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

export type { SessionUser, LoginResult } from './auth.contract';
export type { NotifyItem, NotifySettings, NotifyCounts } from './notify/notify.contract';
export type {
  ActivityDetail,
  ActivityListItem,
  ActivityRecord,
  AttemptRow,
  Attendance,
  HistoryItem,
  MyActivityItem,
  MyActivityStatus,
  Participant,
  ScanResult,
  StaffActivityItem,
} from './activity.contract';
export type { OrgTree, UnitNode, InvitationInfo, InviteResult, PosterResult, WechatFallback, FileResult, CommitteeInfo, CommitteesResult, TermApprovalFileInfo, SeatInfo, ReelectionItem, ComplianceResult } from './org.contract';
export type {
  InviteInfo,
  JoinUrlLink,
  JoinUnitOption,
  ApplyResult,
  MyStatus,
  MemberCard,
  ApplicationItem,
  FlaggedAttempt,
  BulkResult,
  RosterItem,
  ImportProblem,
  ImportPreview,
  ImportConfirmed,
  UnionStats,
  UnitStats,
} from './membership.contract';
export type {
  EntryFlag,
  FundSettings,
  LedgerItem,
  LedgerResult,
  NoticeDetail,
  NoticeFigures,
  NoticeListItem,
  NoticePreview,
  NoticeQuestion,
  OverviewQuarter,
  PeriodState,
} from './fund.contract';
export type { TransferItem, DataRequestItem, MyRequests } from './lifecycle.contract';
export type {
  OverdueRequest,
  RequestCounts,
  RequestDetail,
  RequestEscalation,
  RequestListItem,
  RequestMessage,
  RequestPerson,
  RequestStats,
  RequestUnionStats,
} from './request.contract';
export type { MemberAttachmentInfo, MemberFileResult, MyAttachmentInfo, MyFileResult } from './member-file.contract';
