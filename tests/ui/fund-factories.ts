/** Factories for fund UI tests: a notice and ledger entries with sensible defaults. */
import type { LedgerItem, LedgerResult, NoticeDetail } from '@cloud/contract'

export function buildNotice(overrides: Partial<NoticeDetail> = {}): NoticeDetail {
  return {
    noticeId: 'ntc-1',
    unionId: 'u-base-1',
    unionName: '青山饭店联合工会',
    quarter: '2026-Q3',
    title: '2026年第3季度经费公示',
    from: '2026-07-01',
    to: '2026-09-30',
    version: 1,
    hash: 'a'.repeat(64),
    publishedAt: '2026-10-10T02:00:00.000Z',
    superseded: false,
    latestNoticeId: 'ntc-1',
    versions: [{ noticeId: 'ntc-1', version: 1, publishedAt: '2026-10-10T02:00:00.000Z' }],
    openingFen: 100_000,
    incomeFen: 1_200_000,
    expenseFen: 470_050,
    closingFen: 829_950,
    byCategory: [
      { direction: 'income', category: '会费收入', amountFen: 200_000 },
      { direction: 'income', category: '拨缴经费收入', amountFen: 1_000_000 },
      { direction: 'expense', category: '职工活动支出', amountFen: 320_050 },
      { direction: 'expense', category: '职工服务支出', amountFen: 150_000 },
      { direction: 'expense', category: '维权支出', amountFen: 0 },
    ],
    bySubCategory: [{ category: '职工活动支出', subCategory: '文体活动', amountFen: 320_050 }],
    byFundingRoute: [
      { route: 'chamber', label: '行业(商会)拨一点', amountFen: 0 },
      { route: 'employer', label: '企业捐一点', amountFen: 1_000_000 },
      { route: 'upper', label: '上级补一点', amountFen: 0 },
      { route: 'dues', label: '自己收一点（会费）', amountFen: 200_000 },
      { route: 'other', label: '其他来源', amountFen: 0 },
    ],
    dues: { collectedFen: 200_000, returnedFen: 320_050, yearCollectedFen: 400_000, yearReturnedFen: 500_000 },
    itemThresholdFen: 100_000,
    items: [
      { id: 'e1', date: '2026-07-21', direction: 'expense', category: '职工活动支出', subCategory: '文体活动', amountFen: 320_050, kind: 'entry', reversesId: null, counterparty: '青山县体育中心', purpose: '职工篮球赛' },
    ],
    entryCount: 4,
    corrections: [],
    signOff: { opinion: '账目清楚，同意公示', reviewerName: '王经审', signedAt: '2026-10-05T02:00:00.000Z' },
    explanation: '本季度举办职工篮球赛。',
    questions: [],
    canAsk: true,
    canAnswer: false,
    ...overrides,
  }
}

export function buildLedgerItem(overrides: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id: 'fe-1',
    seq: 1,
    date: '2026-08-20',
    quarter: '2026-Q3',
    direction: 'expense',
    category: '职工活动支出',
    subCategory: '文体活动',
    fundingRoute: null,
    amountFen: 120_000,
    signedFen: 120_000,
    kind: 'entry',
    reversesId: null,
    reversedById: null,
    correctsId: null,
    status: 'pending_approval',
    counterparty: '青山县体育中心',
    purpose: '职工篮球赛场地',
    recordedByName: '李干部',
    recordedAt: '2026-08-20T03:00:00.000Z',
    mine: false,
    approval: null,
    gift: null,
    dues: null,
    flags: [],
    comments: [],
    attachments: [],
    ...overrides,
  }
}

export const CAN_ALL: LedgerResult['can'] = { record: true, approve: true, comment: true, signOff: false, publish: true }
export const CAN_REVIEWER: LedgerResult['can'] = { record: false, approve: false, comment: true, signOff: true, publish: false }
export const CAN_STAFF: LedgerResult['can'] = { record: true, approve: false, comment: true, signOff: false, publish: true }
