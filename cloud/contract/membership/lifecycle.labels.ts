/**
 * Member lifecycle labels (动态管理: 会籍转接、退会、个人信息请求) shared with the app, zod-free.
 */

/**
 * 保存期限: personal data of a former member is anonymised this many years after the day they
 * left (退会 or 转出), unless they asked for deletion earlier (staff carry that out at once).
 */
export const RETENTION_YEARS = 3;

/**
 * Transfer states (会籍转接):
 *   pending (待接收) → confirmed (已转入: the member moves, new member number in the receiving union)
 *   pending → rejected (未接收, with the receiving union's reason)
 *   pending → cancelled (已撤回: by the member or the sending union; also when the member leaves)
 */
export const TRANSFER_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
export const TRANSFER_STATUS_LABELS: Record<TransferStatus, string> = { pending: '待接收', confirmed: '已转入', rejected: '未接收', cancelled: '已撤回' };

/** Data request kinds (个人信息请求) and states: pending (待处理) → done (已办理) | rejected (不予办理). */
export const DATA_REQUEST_KINDS = ['correction', 'deletion'] as const;
export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DATA_REQUEST_KIND_LABELS: Record<DataRequestKind, string> = { correction: '更正', deletion: '注销删除' };
export const DATA_REQUEST_STATUSES = ['pending', 'done', 'rejected'] as const;
export type DataRequestStatus = (typeof DATA_REQUEST_STATUSES)[number];
export const DATA_REQUEST_STATUS_LABELS: Record<DataRequestStatus, string> = { pending: '待处理', done: '已办理', rejected: '不予办理' };

/** Fields a member may ask to correct (申请更正), as stored on the member. */
export const CORRECTION_FIELDS = ['name', 'phone', 'idNumber', 'ethnicity', 'education', 'politicalStatus', 'job', 'householdType'] as const;
export type CorrectionField = (typeof CORRECTION_FIELDS)[number];
export const CORRECTION_FIELD_LABELS: Record<CorrectionField, string> = {
  name: '姓名',
  phone: '手机号',
  idNumber: '身份证号',
  ethnicity: '民族',
  education: '学历',
  politicalStatus: '政治面貌',
  job: '岗位',
  householdType: '户籍类型',
};
