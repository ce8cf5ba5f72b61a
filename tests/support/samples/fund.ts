/** Sample inputs of the `fund.*` functions (see ./index.ts). */
import { periodOf, previousPeriod } from '../../../cloud/domain/fund-period';
import { chinaDate } from '../../../cloud/domain/time';
import { DEMO_FUND_IDS } from '../../../cloud/seed/demo-fund-ids';
import type { Sample } from './index';

/** A 1×1 PNG. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const today = () => chinaDate(new Date());
/** The last period that has ended (closing, sign-off and notices are about it). */
const lastQuarter = () => previousPeriod(periodOf(today(), 'quarter')).key;

export const fundSamples: Record<string, Sample> = {
  'fund.addEntry': (f) => ({
    unionId: f.baseUnionId,
    date: today(),
    direction: 'income',
    category: '会费收入',
    amountFen: 12_000,
    purpose: '会员会费（样例）',
    requestId: `sample-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    dues: { memberCount: 10 },
  }),
  'fund.approve': () => ({ id: DEMO_FUND_IDS.pendingEntry }),
  'fund.reverse': () => ({ id: DEMO_FUND_IDS.postedEntry, reason: '金额录错（样例）' }),
  'fund.ledger': (f) => ({ unionId: f.baseUnionId }),
  'fund.comment': () => ({ entryId: DEMO_FUND_IDS.postedEntry, body: '请补充票据（样例）' }),
  'fund.attach': (f) => ({ unionId: f.baseUnionId, fileName: '收据.png', mimeType: 'image/png', dataBase64: PNG_BASE64 }),
  'fund.attachment': () => ({ id: DEMO_FUND_IDS.attachment }),
  'fund.closeQuarter': (f) => ({ unionId: f.baseUnionId, quarter: lastQuarter() }),
  'fund.signOff': (f) => ({ unionId: f.baseUnionId, quarter: lastQuarter(), opinion: '账目清楚，同意公示（样例）' }),
  'fund.previewNotice': (f) => ({ unionId: f.baseUnionId, quarter: lastQuarter() }),
  'fund.publishNotice': (f) => ({ unionId: f.baseUnionId, quarter: lastQuarter() }),
  'fund.listNotices': (f) => ({ unionId: f.baseUnionId }),
  'fund.getNotice': () => ({ noticeId: DEMO_FUND_IDS.notice }),
  'fund.verifyNotice': () => ({ noticeId: DEMO_FUND_IDS.notice }),
  'fund.ask': () => ({ noticeId: DEMO_FUND_IDS.notice, body: '职工活动支出包括哪些活动？（样例）' }),
  'fund.answer': () => ({ questionId: DEMO_FUND_IDS.question, body: '包括文体活动、职工教育等（样例）' }),
  'fund.settings': (f) => ({ unionId: f.baseUnionId }),
  'fund.updateSettings': (f) => ({ unionId: f.baseUnionId, itemThresholdFen: 100_000 }),
  'fund.overview': (f) => ({ unionId: f.industryUnionId }),
};
