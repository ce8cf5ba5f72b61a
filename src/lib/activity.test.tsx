import { CloudError } from '../services/cloud-error'
import { checkInErrorMessage, checkInSuccessMessage, codeFromScan, formatDateTime, formatRange, fromInstant, mySignUpText, newNonce, quotaText, statusTag, toInstant } from './activity'

describe('activity wording', () => {
  it('shows times in China time with the weekday', () => {
    expect(formatDateTime('2026-05-01T01:05:00.000Z')).toBe('5月1日（周五）09:05')
    expect(formatRange('2026-05-01T01:00:00.000Z', '2026-05-01T04:00:00.000Z')).toBe('5月1日（周五）09:00–12:00')
    expect(formatRange('2026-05-01T01:00:00.000Z', '2026-05-02T04:00:00.000Z')).toBe('5月1日（周五）09:00 至 5月2日（周六）12:00')
  })

  it('says how many places are taken', () => {
    expect(quotaText(4, 30)).toBe('已报名 4/30')
    expect(quotaText(30, 30, 3)).toBe('名额已满 30/30 · 候补 3 人')
    expect(quotaText(12, null)).toBe('已报名 12 人（不限名额）')
  })

  it('tags cancelled and ended activities before their phase', () => {
    expect(statusTag('cancelled', 'upcoming')).toEqual({ text: '已取消', tone: 'danger' })
    expect(statusTag('published', 'ended').text).toBe('已结束')
    // In its check-in window (before the start) an activity is 签到中, not 未开始 (issue 18 item 6).
    expect(statusTag('published', 'upcoming', true)).toEqual({ text: '签到中', tone: 'active' })
    expect(statusTag('published', 'upcoming', false).text).toBe('未开始')
    expect(statusTag('cancelled', 'upcoming', true).text).toBe('已取消')
    expect(statusTag('published', 'ongoing')).toEqual({ text: '进行中', tone: 'active' })
  })

  it('describes my sign-up', () => {
    expect(mySignUpText('waitlisted', 2)).toBe('候补第 2 位')
    expect(mySignUpText('signed_up', undefined, '2026-05-01T01:05:00.000Z')).toBe('已签到 5月1日（周五）09:05')
    expect(mySignUpText('cancelled')).toBe('已取消报名')
  })
})

describe('the answer after a check-in', () => {
  it('is 签到成功 with the time, or 已签到 with the earlier time', () => {
    expect(checkInSuccessMessage({ checkedInAt: '2026-05-01T01:05:00.000Z', duplicate: false, title: '运动会' })).toEqual({ tone: 'success', title: '签到成功', detail: '运动会 · 5月1日（周五）09:05' })
    expect(checkInSuccessMessage({ checkedInAt: '2026-05-01T01:05:00.000Z', duplicate: true, title: '运动会' })).toMatchObject({ tone: 'info', title: '已签到' })
  })

  it.each([
    ['not_signed_up', '未报名'],
    ['outside_checkin_window', '不在签到时间'],
    ['code_expired', '二维码已过期'],
    ['not_member', '非本会会员'],
    ['network_error', '网络不通'],
  ] as const)('names the refusal %s as %s', (reason, title) => {
    expect(checkInErrorMessage(new CloudError(reason, 'x')).title).toBe(title)
  })

  it('shows the server message of the wrong-code lock, which names when it ends', () => {
    const locked = '签到码输错次数过多，本活动的签到码签到已暂停至 09:45，届时再试，或请工作人员扫会员码签到'
    expect(checkInErrorMessage(new CloudError('rate_limited', locked))).toEqual({ tone: 'error', title: '尝试次数过多', detail: locked })
  })

  it('falls back to the server message for other refusals', () => {
    expect(checkInErrorMessage(new CloudError('forbidden', '无权操作'))).toEqual({ tone: 'error', title: '签到未成功', detail: '无权操作' })
  })
})

describe('helpers', () => {
  it('reads the code out of the station link', () => {
    expect(codeFromScan('http://h/#/pages/activity-checkin/index?c=A1.act_1.abc.XYZ')).toBe('A1.act_1.abc.XYZ')
    expect(codeFromScan(' 123456 ')).toBe('123456')
  })

  it('turns form dates into instants in China time and back', () => {
    expect(toInstant('2026-05-01', '09:00')).toBe('2026-05-01T09:00:00+08:00')
    expect(fromInstant('2026-05-01T01:00:00.000Z')).toEqual({ date: '2026-05-01', time: '09:00' })
    expect(fromInstant('2026-04-30T16:30:00.000Z')).toEqual({ date: '2026-05-01', time: '00:30' })
  })

  it('makes a fresh nonce each time', () => {
    expect(newNonce()).toMatch(/^[0-9a-f]{32}$/)
    expect(newNonce()).not.toBe(newNonce())
  })
})
