/** Factories for fund tests: ledger entries with sensible defaults. */
import { randomBytes } from 'node:crypto';
import type { InputOf } from '../../cloud/contract';
import { noticeFromLedger, type NoticeContent, type NoticeMeta } from '../../cloud/domain/fund-notice';
import { readNoticeLedger } from '../../cloud/storage/fund.repository';
import type { Q } from '../../cloud/storage/schema';

export type EntryInput = InputOf<'fund.addEntry'>;

export function buildIncome(overrides: Partial<EntryInput> = {}): EntryInput {
  return {
    unionId: 'bu-cy02',
    date: '2026-08-05',
    direction: 'income',
    category: '拨缴经费收入',
    amountFen: 500_000,
    counterparty: '福满楼酒家',
    purpose: '拨缴工会经费（留成部分）',
    requestId: `req-${randomBytes(6).toString('hex')}`,
    ...overrides,
  };
}

export function buildExpense(overrides: Partial<EntryInput> = {}): EntryInput {
  return {
    unionId: 'bu-cy02',
    date: '2026-08-20',
    direction: 'expense',
    category: '职工活动支出',
    subCategory: '文体活动',
    amountFen: 120_000,
    counterparty: '青山县体育中心',
    purpose: '职工篮球赛场地',
    requestId: `req-${randomBytes(6).toString('hex')}`,
    ...overrides,
  };
}

/** A holiday gift of goods to members (the allowed kind). */
export function buildGift(overrides: Partial<EntryInput> = {}, gift: Partial<NonNullable<EntryInput['gift']>> = {}): EntryInput {
  return buildExpense({
    subCategory: '会员活动',
    purpose: '中秋节慰问品',
    gift: { kind: 'holiday', form: 'goods', recipients: 'members', recipientCount: 4, ...gift },
    ...overrides,
  });
}

/** A notice rebuilt from the ledger as it stands (what `fund.verifyNotice` does), for comparing hashes. */
export async function assembleNotice(db: Q, meta: NoticeMeta): Promise<NoticeContent> {
  return noticeFromLedger(await readNoticeLedger(db, meta.unionId, meta.period, meta), meta);
}
