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
import * as fund from './fund.contract';
import type { AnyContract, InputOfContract, OutputOfContract } from './define';

export const contracts = {
  [auth.devLogin.name]: auth.devLogin,
  [auth.wechatLogin.name]: auth.wechatLogin,
  [auth.staffLogin.name]: auth.staffLogin,
  [auth.me.name]: auth.me,
  [auth.logout.name]: auth.logout,
  [org.tree.name]: org.tree,
  [org.invite.name]: org.invite,
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
  [fund.ask.name]: fund.ask,
  [fund.answer.name]: fund.answer,
  [fund.settings.name]: fund.settings,
  [fund.updateSettings.name]: fund.updateSettings,
  [fund.overview.name]: fund.overview,
} as const satisfies Record<string, AnyContract>;

export type Contracts = typeof contracts;
export type FunctionName = keyof Contracts;
export type InputOf<N extends FunctionName> = InputOfContract<Contracts[N]>;
export type OutputOf<N extends FunctionName> = OutputOfContract<Contracts[N]>;

export type { SessionUser, LoginResult } from './auth.contract';
export type { OrgTree, UnitNode } from './org.contract';
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
