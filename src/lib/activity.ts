/**
 * Activity display helpers: times in China time, quota text, and the specific answer a
 * member sees after a check-in attempt. Pure functions, tested in `activity.test.tsx`.
 */
import type { MyActivityStatus } from '@cloud/contract'
import { PHASE_LABELS, SIGN_UP_STATUS_LABELS, type ActivityPhase, type ActivityStatus, type SignUpStatus } from '@cloud/contract/activity/labels'
import type { CloudError } from '../services/cloud-error'

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']
const CST_MS = 8 * 3600 * 1000

/** The wall clock in China (UTC+8, no daylight saving) as a Date whose UTC fields read China time. */
function cst(iso: string): Date {
  return new Date(Date.parse(iso) + CST_MS)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `09:05` */
export function formatTime(iso: string): string {
  const d = cst(iso)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `5月1日（周五）` */
export function formatDay(iso: string): string {
  const d = cst(iso)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${WEEKDAYS[d.getUTCDay()]}）`
}

/** `5月1日（周五）09:05` */
export function formatDateTime(iso: string): string {
  return `${formatDay(iso)}${formatTime(iso)}`
}

/** `5月1日（周五）09:00–12:00`, or both ends in full when on different days. */
export function formatRange(startIso: string, endIso: string): string {
  if (formatDay(startIso) === formatDay(endIso)) return `${formatDay(startIso)}${formatTime(startIso)}–${formatTime(endIso)}`
  return `${formatDateTime(startIso)} 至 ${formatDateTime(endIso)}`
}

/** `已报名 4/30`, `已报名 12 人（不限名额）`, `名额已满 · 候补 3 人`. */
export function quotaText(signedUp: number, quota: number | null, waitlisted = 0): string {
  if (quota === null) return `已报名 ${signedUp} 人（不限名额）`
  if (signedUp >= quota) return waitlisted > 0 ? `名额已满 ${signedUp}/${quota} · 候补 ${waitlisted} 人` : `名额已满 ${signedUp}/${quota}`
  return `已报名 ${signedUp}/${quota}`
}

export const MINE_LABELS: Record<MyActivityStatus, string> = {
  signed_up: '已报名',
  waitlisted: '候补中',
  checked_in: '已签到',
}

/**
 * The tag shown on an activity: cancelled and finished first, then 签到中 while check-in is open (it
 * opens before the start: an activity in its check-in window is not 未开始 to the people at the door),
 * otherwise its time phase. `checkInOpen` is known where the activity is shown whole (activity.get).
 */
export function statusTag(status: ActivityStatus, phase: ActivityPhase, checkInOpen = false): { text: string; tone: 'active' | 'muted' | 'danger' } {
  if (status === 'cancelled') return { text: '已取消', tone: 'danger' }
  if (status === 'finished' || phase === 'ended') return { text: '已结束', tone: 'muted' }
  if (status === 'draft') return { text: '草稿', tone: 'muted' }
  if (checkInOpen && phase === 'upcoming') return { text: '签到中', tone: 'active' }
  return { text: PHASE_LABELS[phase], tone: 'active' }
}

/** 我的活动 line: `已报名`, `候补第 2 位`, `已签到 09:05`, `已取消报名`. */
export function mySignUpText(signUp: SignUpStatus | null, position?: number, checkedInAt?: string): string {
  if (checkedInAt) return `已签到 ${formatDateTime(checkedInAt)}`
  if (signUp === 'waitlisted' && position) return `候补第 ${position} 位`
  return signUp ? SIGN_UP_STATUS_LABELS[signUp] : ''
}

/** What the member sees after a check-in attempt: specific, in their words. */
export interface CheckInMessage {
  tone: 'success' | 'info' | 'error'
  title: string
  detail: string
}

export function checkInSuccessMessage(r: { checkedInAt: string; duplicate: boolean; title: string; walkIn?: boolean }): CheckInMessage {
  if (r.duplicate) return { tone: 'info', title: '已签到', detail: `您已于 ${formatDateTime(r.checkedInAt)} 签到，无需重复签到` }
  return { tone: 'success', title: '签到成功', detail: `${r.title} · ${formatDateTime(r.checkedInAt)}${r.walkIn ? '（现场签到）' : ''}` }
}

const REFUSALS: Partial<Record<CloudError['reason'], { title: string; detail: string }>> = {
  not_signed_up: { title: '未报名', detail: '您没有报名本次活动，请联系现场工作人员' },
  outside_checkin_window: { title: '不在签到时间', detail: '现在不是本活动的签到时间' },
  code_expired: { title: '二维码已过期', detail: '签到码每 15 秒更新，请扫描签到台上的最新二维码' },
  not_member: { title: '非本会会员', detail: '本活动仅限本会会员参加' },
  activity_cancelled: { title: '活动已取消', detail: '该活动已取消，无需签到' },
  invalid_checkin_code: { title: '签到码无效', detail: '请扫描签到台的二维码，或输入签到台显示的 6 位数字' },
  rate_limited: { title: '尝试次数过多', detail: '签到码输错次数过多，请稍后再试或扫码签到' },
  network_error: { title: '网络不通', detail: '签到没有送达，请检查网络后点“重试”' },
}

/** Refusals whose server message says more than our wording: the wrong-code lock names when it ends. */
const SERVER_DETAIL: ReadonlySet<CloudError['reason']> = new Set(['rate_limited'])

export function checkInErrorMessage(error: CloudError): CheckInMessage {
  const known = REFUSALS[error.reason]
  const detail = SERVER_DETAIL.has(error.reason) && error.message ? error.message : (known?.detail ?? error.message)
  return { tone: 'error', title: known?.title ?? '签到未成功', detail }
}

/** A random value per attempt (check-in nonce, scan nonce): safe to resend, never reused for another attempt. */
export function newNonce(): string {
  const bytes = new Uint8Array(16)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The check-in code inside what was scanned (a link with `c=`, or the code itself). */
export function codeFromScan(text: string): string {
  const m = /[?&]c=([^&#\s]+)/.exec(text)
  if (!m) return text.trim()
  try {
    return decodeURIComponent(m[1])
  } catch {
    return text.trim()
  }
}

/** Form values (China date `2026-05-01` and time `09:00`) → an instant with offset for the API. */
export function toInstant(date: string, time: string): string {
  return `${date}T${time}:00+08:00`
}

/** An instant → China date and time for a form. */
export function fromInstant(iso: string): { date: string; time: string } {
  const d = cst(iso)
  return { date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` }
}
