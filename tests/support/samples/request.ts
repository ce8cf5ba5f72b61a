/** Sample inputs of the `request.*` functions (see ./index.ts). */
import { DEMO_REQUEST_IDS } from '../../../cloud/seed/demo-request-ids';
import type { Sample } from './index';

export const requestSamples: Record<string, Sample> = {
  'request.submit': () => ({ category: 'suggestion', text: '建议食堂晚班增加一份热菜（样例）', anonymous: false }),
  'request.mine': () => ({}),
  'request.list': (f) => ({ unionId: f.baseUnionId }),
  'request.get': () => ({ id: DEMO_REQUEST_IDS.named }),
  'request.reply': () => ({ id: DEMO_REQUEST_IDS.replied, body: '已与餐厅负责人沟通，本周内更换防滑垫（样例）' }),
  'request.close': () => ({ id: DEMO_REQUEST_IDS.replied, note: '已更换防滑垫，问题已解决（样例）' }),
  'request.escalate': () => ({ id: DEMO_REQUEST_IDS.named, note: '涉及与企业管理层的劳动争议，本会难以协调（样例）' }),
  'request.rate': () => ({ id: DEMO_REQUEST_IDS.closed, satisfied: true }),
  'request.photo': () => ({ id: DEMO_REQUEST_IDS.anonymous }),
  'request.stats': (f) => ({ unionId: f.industryUnionId }),
};
