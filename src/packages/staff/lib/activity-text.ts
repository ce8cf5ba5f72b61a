/** Staff-side wording for activity facts: refusal reasons, history actions, participant status. */
import type { HistoryItem, Participant } from '@cloud/contract'
import { REASONS, type Reason } from '@cloud/contract/errors'
import { formatDateTime } from '../../../lib/activity'

const SHORT_REASONS: Partial<Record<Reason, string>> = {
  not_signed_up: '未报名',
  outside_checkin_window: '不在签到时间',
  code_expired: '二维码已过期',
  not_member: '非本会会员',
  invalid_checkin_code: '签到码无效',
  invalid_member_token: '会员码无效',
  activity_cancelled: '活动已取消',
  rate_limited: '输错次数过多',
}

/** A stored refusal reason in a few words. */
export function reasonText(reason: string | null | undefined): string {
  if (!reason) return ''
  return SHORT_REASONS[reason as Reason] ?? (reason in REASONS ? REASONS[reason as Reason].message : reason)
}

const ACTIONS: Record<string, string> = {
  'activity.create': '创建活动',
  'activity.update': '修改活动',
  'activity.publish': '发布活动',
  'activity.cancel': '取消活动',
  'activity.finish': '结束活动',
  'activity.saveRecord': '填写活动记录',
  'activity.exportRecord': '导出活动记录',
}

const FIELD_LABELS: Record<string, string> = {
  type: '类型',
  title: '名称',
  description: '内容',
  place: '地点',
  organizer: '主办',
  startAt: '开始',
  endAt: '结束',
  signUpDeadline: '报名截止',
  quota: '名额',
  audience: '对象',
  checkInFrom: '签到开始',
  checkInUntil: '签到结束',
  allowWalkIn: '现场签到',
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）'
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v)
  return String(v)
}

/** `修改活动：地点 旧地点 → 新地点；名额 20 → 30`. */
export function historyText(item: HistoryItem): string {
  const action = ACTIONS[item.action] ?? item.action
  const changes = item.detail.changes as Record<string, [unknown, unknown]> | undefined
  if (changes) {
    const parts = Object.entries(changes).map(([k, [before, after]]) => `${FIELD_LABELS[k] ?? k} ${show(before)} → ${show(after)}`)
    return `${action}：${parts.join('；')}`
  }
  if (item.action === 'activity.cancel' && typeof item.detail.reason === 'string') return `${action}：${item.detail.reason}`
  return action
}

/** 已报名 / 候补第 2 位 / 已取消报名 / 现场签到, with the check-in time. */
export function participantText(p: Participant): string {
  const status = p.signUp === null ? '未报名' : p.signUp === 'waitlisted' ? `候补第 ${p.position ?? '?'} 位` : p.signUp === 'cancelled' ? '已取消报名' : '已报名'
  if (!p.checkedInAt) return `${status} · 未签到`
  return `${status} · ${formatDateTime(p.checkedInAt)} 签到${p.walkIn ? '（现场）' : ''}`
}
