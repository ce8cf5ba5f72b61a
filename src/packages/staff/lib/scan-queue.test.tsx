import { addScan, applyResults, memberTokenFromScan, nextBatch, scanLine, type QueuedScan } from './scan-queue'

const t0 = new Date('2026-05-01T01:00:00Z')
const at = (s: number) => new Date(t0.getTime() + s * 1000)

describe('the offline scan queue', () => {
  it('keeps each scan with its nonce, device and time, newest first, and ignores the same card seen again at once', () => {
    let q: QueuedScan[] = []
    q = addScan(q, 'tok-a', 'pad-1', 'n1', at(0)).queue
    expect(addScan(q, 'tok-a', 'pad-1', 'n2', at(3)).added).toBe(false)
    q = addScan(q, 'tok-b', 'pad-1', 'n3', at(4)).queue
    q = addScan(q, 'tok-a', 'pad-1', 'n4', at(10)).queue
    expect(q.map((s) => s.nonce)).toEqual(['n4', 'n3', 'n1'])
    expect(q[2]).toEqual({ memberToken: 'tok-a', nonce: 'n1', deviceId: 'pad-1', scannedAt: t0.toISOString() })
  })

  it('uploads the oldest unanswered scans first, and keeps unanswered ones after a partial answer', () => {
    let q: QueuedScan[] = []
    for (let i = 0; i < 3; i++) q = addScan(q, `tok-${i}`, 'pad', `n${i}`, at(i * 10)).queue
    expect(nextBatch(q).map((s) => s.nonce)).toEqual(['n0', 'n1', 'n2'])
    q = applyResults(q, [{ nonce: 'n0', outcome: 'checked_in', memberName: '王芳', checkedInAt: t0.toISOString() }])
    expect(nextBatch(q).map((s) => s.nonce)).toEqual(['n1', 'n2'])
  })

  it('says what happened to each scan', () => {
    const base = { memberToken: 't', nonce: 'n', deviceId: 'd', scannedAt: t0.toISOString() }
    expect(scanLine(base)).toEqual({ text: '09:00 待上传', tone: 'pending' })
    expect(scanLine({ ...base, result: { nonce: 'n', outcome: 'checked_in', memberName: '王芳' } }).text).toBe('09:00 王芳 签到成功')
    expect(scanLine({ ...base, result: { nonce: 'n', outcome: 'duplicate', memberName: '王芳', checkedInAt: t0.toISOString(), flagged: true } })).toEqual({ text: '09:00 王芳 已签到（09:00 重复扫码）', tone: 'warn' })
    expect(scanLine({ ...base, result: { nonce: 'n', outcome: 'refused', reason: 'not_signed_up', memberName: '李强' } }).text).toBe('09:00 李强 被拒：未报名')
    expect(scanLine({ ...base, result: { nonce: 'n', outcome: 'refused', reason: 'code_expired' } }).text).toBe('09:00 被拒：二维码已过期')
  })

  it('reads the token from the card QR, or from a link carrying it', () => {
    expect(memberTokenFromScan(' abc.def ')).toBe('abc.def')
    expect(memberTokenFromScan('https://x.cn/#/pages/card/index?token=abc.def')).toBe('abc.def')
  })
})
