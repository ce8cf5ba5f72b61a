/**
 * The staff scanner's offline queue (扫码队列): every scan is kept on the device with its
 * own nonce, device id and time until the server has answered it, so nothing is lost
 * when the network drops at the door. Uploading is idempotent on the server (the nonce),
 * so a scan whose answer was lost is simply sent again.
 */
import type { ScanResult } from '@cloud/contract'
import { ACTIVITY_LIMITS } from '@cloud/contract/activity/labels'
import { formatTime } from '../../../lib/activity'
import { reasonText } from './activity-text'

export interface QueuedScan {
  memberToken: string
  nonce: string
  deviceId: string
  scannedAt: string
  /** The server's answer; absent while waiting to upload. */
  result?: ScanResult
}

/** The same card read again within this time is the same scan (a camera sees it many times). */
const SAME_CARD_MS = 5000

/** The member token inside what was scanned: the card QR is the token itself, or a link carrying it as `token=`/`t=`. */
export function memberTokenFromScan(text: string): string {
  const m = /[?&](?:token|t)=([^&#\s]+)/.exec(text)
  if (!m) return text.trim()
  try {
    return decodeURIComponent(m[1])
  } catch {
    return text.trim()
  }
}

/** Adds a scan unless the same card was just scanned. Newest first. */
export function addScan(queue: QueuedScan[], text: string, deviceId: string, nonce: string, now: Date): { queue: QueuedScan[]; added: boolean } {
  const memberToken = memberTokenFromScan(text)
  if (!memberToken) return { queue, added: false }
  const recent = queue.find((s) => s.memberToken === memberToken && now.getTime() - Date.parse(s.scannedAt) < SAME_CARD_MS)
  if (recent) return { queue, added: false }
  return { queue: [{ memberToken, nonce, deviceId, scannedAt: now.toISOString() }, ...queue], added: true }
}

/** The next upload: the oldest scans still waiting for an answer, at most one batch. */
export function nextBatch(queue: QueuedScan[]): QueuedScan[] {
  return queue
    .filter((s) => !s.result)
    .reverse()
    .slice(0, ACTIVITY_LIMITS.scanBatch)
}

export function applyResults(queue: QueuedScan[], results: ScanResult[]): QueuedScan[] {
  const byNonce = new Map(results.map((r) => [r.nonce, r]))
  return queue.map((s) => (byNonce.has(s.nonce) ? { ...s, result: byNonce.get(s.nonce) } : s))
}

/** One line per scan: `09:05 王芳 签到成功`, `已签到（重复扫码）`, `被拒：未报名`, `待上传`. */
export function scanLine(s: QueuedScan): { text: string; tone: 'ok' | 'warn' | 'error' | 'pending' } {
  const at = formatTime(s.scannedAt)
  const r = s.result
  if (!r) return { text: `${at} 待上传`, tone: 'pending' }
  const who = r.memberName ? ` ${r.memberName}` : ''
  if (r.outcome === 'checked_in') return { text: `${at}${who} 签到成功`, tone: 'ok' }
  if (r.outcome === 'duplicate') return { text: `${at}${who} 已签到（${r.checkedInAt ? `${formatTime(r.checkedInAt)} ` : ''}重复扫码）`, tone: 'warn' }
  return { text: `${at}${who} 被拒：${reasonText(r.reason)}`, tone: 'error' }
}
