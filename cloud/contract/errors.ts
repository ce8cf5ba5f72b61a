/**
 * Stable refusal reasons (拒绝原因) shared by the host and the app.
 *
 * Each reason has an HTTP status, a unique integer `code` (the LeanCloud SDK only
 * carries `code` and the message to the client, so the integer must identify the
 * reason on its own) and a default Chinese message for people.
 * Clients branch on `reason` (or `code` → `reasonOfCode`), never on message text.
 */
export const REASONS = {
  // protocol and host
  invalid_json: { status: 400, code: 40001, message: '请求内容不是有效的 JSON' },
  validation_error: { status: 400, code: 400, message: '填写的内容有误，请检查后再提交' },
  bad_signature: { status: 401, code: 40101, message: '应用签名无效，请检查应用配置或设备时间' },
  unauthenticated: { status: 401, code: 401, message: '请先登录' },
  unknown_app: { status: 401, code: 40102, message: '应用 ID 不正确' },
  invalid_credentials: { status: 401, code: 40103, message: '用户名或密码错误' },
  account_locked: { status: 423, code: 42301, message: '密码错误次数过多，账号已暂时锁定，请稍后再试' },
  forbidden: { status: 403, code: 403, message: '无权操作' },
  not_found: { status: 404, code: 404, message: '找不到该对象' },
  unknown_function: { status: 404, code: 40401, message: '没有这个云函数' },
  method_not_allowed: { status: 405, code: 405, message: '请求方式不正确' },
  payload_too_large: { status: 413, code: 413, message: '提交的内容过大（上限 1 MB）' },
  rate_limited: { status: 429, code: 429, message: '操作过于频繁，请稍后再试' },
  internal_error: { status: 500, code: 500, message: '服务器出错了，请稍后再试' },
  wechat_unavailable: { status: 502, code: 50201, message: '微信登录服务暂时不可用，请稍后再试' },
  wechat_not_configured: { status: 503, code: 50301, message: '本服务未配置微信登录' },
  wechat_rejected: { status: 502, code: 50202, message: '微信拒绝了该请求，请联系管理员检查小程序配置' },
  wechat_limit: { status: 503, code: 50302, message: '微信接口今日调用次数已达上限，请稍后再试' },
  // The host's own storage (cloud/storage/faults.ts): the call was not done; nothing of it was kept.
  service_unavailable: { status: 503, code: 50303, message: '服务暂时不可用，请稍后重试' },
  storage_full: { status: 507, code: 50701, message: '服务器存储空间已满，本次提交未保存，请联系管理员' },
  // domain (later features use these; listed here so codes never collide)
  wechat_code_invalid: { status: 400, code: 40002, message: '微信登录凭证无效或已使用，请重试' },
  invalid_id_number: { status: 400, code: 40010, message: '身份证号码不正确' },
  invalid_phone: { status: 400, code: 40011, message: '手机号码不正确' },
  invalid_invite: { status: 400, code: 40012, message: '邀请码无效或已失效' },
  duplicate_identity: { status: 409, code: 40901, message: '该身份信息已登记，如有疑问请联系工会' },
  application_not_pending: { status: 409, code: 40902, message: '该申请已处理' },
  activity_full: { status: 409, code: 40903, message: '名额已满' },
  signup_closed: { status: 409, code: 40904, message: '报名已截止' },
  not_signed_up: { status: 409, code: 40905, message: '未报名该活动' },
  outside_checkin_window: { status: 409, code: 40906, message: '不在签到时间内' },
  code_expired: { status: 409, code: 40907, message: '二维码已过期，请重新扫码' },
  already_checked_in: { status: 409, code: 40908, message: '已签到' },
  quarter_closed: { status: 409, code: 40909, message: '该季度已结账，不能再记账' },
  not_approved: { status: 409, code: 40910, message: '尚未审批' },
  immutable: { status: 409, code: 40911, message: '已记账的条目不能修改或删除，请用冲正' },
  // activities (codes x4x, a block of their own)
  not_member: { status: 403, code: 40340, message: '非本会会员' },
  invalid_checkin_code: { status: 400, code: 40040, message: '签到码无效，请扫描签到台的二维码' },
  invalid_member_token: { status: 400, code: 40041, message: '会员码无效' },
  activity_cancelled: { status: 409, code: 40940, message: '活动已取消' },
  invalid_activity_state: { status: 409, code: 40941, message: '活动当前的状态不允许此操作' },
  // membership (入会)
  already_member: { status: 409, code: 40921, message: '你已经是工会会员，可在“我的”查看电子会员卡' },
  // funds (经费); codes 4003x and 4095x are kept for funds
  spending_rule: { status: 400, code: 40030, message: '不符合经费使用规定' },
  invalid_attachment: { status: 400, code: 40031, message: '附件内容与所选类型不符' },
  period_not_ended: { status: 409, code: 40951, message: '该期间尚未结束，不能结账' },
  quarter_open: { status: 409, code: 40952, message: '该期间尚未结账' },
  not_signed_off: { status: 409, code: 40953, message: '经费审查委员会尚未签署该期间' },
  previous_period_open: { status: 409, code: 40954, message: '上一期间尚未结账，请按顺序结账' },
  already_reversed: { status: 409, code: 40955, message: '该条目已冲正' },
  same_person: { status: 409, code: 40956, message: '记账人不能审批自己录入的支出' },
  already_decided: { status: 409, code: 40957, message: '该条目已审批' },
  notice_altered: { status: 409, code: 40958, message: '该公示的内容与其校验码不符，已停止显示，请联系工会核查' },
  // member lifecycle (动态管理); codes 4098x are kept for it
  transfer_pending: { status: 409, code: 40980, message: '已有待接收的转会申请，请等待接收工会处理或先撤回' },
  same_union: { status: 409, code: 40981, message: '已是该工会会员' },
  transfer_not_pending: { status: 409, code: 40982, message: '该转会申请已处理' },
  data_request_pending: { status: 409, code: 40983, message: '已有同类申请在处理中，请等待工会处理' },
  data_request_not_pending: { status: 409, code: 40984, message: '该申请已处理' },
  // requests and opinions (职工诉求); codes 4096x are kept for requests
  request_closed: { status: 409, code: 40960, message: '该诉求已办结，不能再回复' },
  request_not_closed: { status: 409, code: 40961, message: '诉求办结后才能评价' },
  already_escalated: { status: 409, code: 40962, message: '该诉求已转交行业工会' },
  cannot_escalate: { status: 409, code: 40963, message: '本会没有上级行业工会，不能转交' },
  // files (一人一档附件、佐证照片): codes 4007x and 4097x
  unsupported_file_type: { status: 400, code: 40070, message: '只能上传 JPG、PNG、WebP 图片或 PDF 文件' },
  file_too_large: { status: 400, code: 40071, message: '文件过大，请压缩后再上传' },
  evidence_required: { status: 400, code: 40072, message: '勾选此项须上传一张照片作为佐证' },
  too_many_attachments: { status: 409, code: 40970, message: '该会员的附件已达上限，请先删除不需要的附件' },
} as const satisfies Record<string, { status: number; code: number; message: string }>;

export type Reason = keyof typeof REASONS;

/** One field-level problem of a `validation_error`. `path` is dotted (`units.0.name`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** The refusal body on the wire: `{code, error, reason, fields?}`. */
export interface RefusalBody {
  code: number;
  error: string;
  reason: Reason;
  fields?: FieldProblem[];
}

const byCode = new Map<number, Reason>(
  (Object.keys(REASONS) as Reason[]).map((r) => [REASONS[r].code, r]),
);

/** Maps the integer code the SDK hands to the client back to its stable reason. */
export function reasonOfCode(code: number | undefined): Reason | undefined {
  return code === undefined ? undefined : byCode.get(code);
}

/**
 * The one error type domain code throws. The host turns it into the wire format
 * in one place (`cloud/host/app.ts`).
 */
export class AppError extends Error {
  readonly reason: Reason;
  readonly fields?: FieldProblem[];

  constructor(reason: Reason, message?: string, fields?: FieldProblem[]) {
    super(message ?? REASONS[reason].message);
    this.name = 'AppError';
    this.reason = reason;
    this.fields = fields;
  }

  get status(): number {
    return REASONS[this.reason].status;
  }

  get code(): number {
    return REASONS[this.reason].code;
  }

  toBody(): RefusalBody {
    const body: RefusalBody = { code: this.code, error: this.message, reason: this.reason };
    if (this.fields) body.fields = this.fields;
    return body;
  }
}
