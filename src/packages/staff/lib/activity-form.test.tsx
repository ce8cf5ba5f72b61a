import { buildDetail } from '../../../../tests/ui/activity-factories'
import { buildOrgTree, buildUser } from '../../../../tests/ui/factories'
import { activityUnions, runsActivities } from './activity-unions'
import { emptyForm, formFromActivity, formToInput, updateInput, type ActivityForm } from './activity-form'

const now = new Date('2026-04-20T02:00:00Z')

function filled(overrides: Partial<ActivityForm> = {}): ActivityForm {
  return { ...emptyForm(now), title: '消防培训', place: '会议室', ...overrides }
}

describe('the activity form', () => {
  it('starts tomorrow 09:00–11:00 China time with sign-up until the start', () => {
    const f = emptyForm(now)
    expect([f.startDate, f.startTime, f.endTime, f.deadlineTime]).toEqual(['2026-04-21', '09:00', '11:00', '09:00'])
  })

  it('turns into the create input with times in China time', () => {
    const r = formToInput(filled({ quota: '30', allowWalkIn: true }), 'bu-1')
    expect(r).toEqual({
      ok: true,
      input: expect.objectContaining({ unionId: 'bu-1', title: '消防培训', startAt: '2026-04-21T09:00:00+08:00', quota: 30, allowWalkIn: true, audience: 'union' }),
    })
  })

  it('marks the fields the host would refuse, before sending', () => {
    const r = formToInput(filled({ title: ' ', endTime: '08:00', quota: '3.5' }), 'bu-1')
    if (r.ok) throw new Error('expected problems')
    expect(r.problems.title).toBe('请填写活动名称')
    expect(r.problems.end).toBe('结束时间须晚于开始时间')
    expect(r.problems.quota).toBe('名额须为正整数，不限名额请留空')
  })

  it('round-trips a stored activity, and an emptied quota removes the limit on update', () => {
    const f = formFromActivity(buildDetail())
    expect(f).toMatchObject({ startDate: '2026-05-01', startTime: '09:00', quota: '30', customWindow: false })
    const r = formToInput({ ...f, quota: '' }, 'bu-1')
    if (!r.ok) throw new Error('expected ok')
    const u = updateInput('act-1', r.input, { ...f, quota: '' })
    expect(u).toMatchObject({ id: 'act-1', quota: null, checkInFrom: '2026-05-01T00:30:00.000Z', checkInUntil: '2026-05-01T04:00:00.000Z' })
    expect('unionId' in u).toBe(false)
  })
})

describe('whose activities a staff member runs', () => {
  const tree = buildOrgTree()
  it('staff and chairs their own union; the industry admin every union of the industry', () => {
    expect(activityUnions(buildUser({ roles: [{ role: 'staff', unionId: 'u-base-2' }] }), tree)).toEqual([{ id: 'u-base-2', name: '老街面馆工会' }])
    expect(activityUnions(buildUser({ roles: [{ role: 'industryAdmin', unionId: 'u-industry' }] }), tree).map((u) => u.id)).toEqual(['u-industry', 'u-base-1', 'u-base-2'])
    expect(runsActivities(buildUser({ roles: [{ role: 'reviewer', unionId: 'u-base-1' }] }))).toBe(false)
  })
})
