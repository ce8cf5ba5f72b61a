import { wayBack } from './way-back'

describe('the H5 way back (issue 18 item 2)', () => {
  it('offers 首页 on a page opened from a link and 返回 on one opened from another page', () => {
    expect(wayBack('/pages/card/index', 1)).toBe('home')
    expect(wayBack('pages/card/index', 2)).toBe('back')
    expect(wayBack('/packages/staff/pages/roster/index?unionId=bu-cy01', 1)).toBe('home')
    expect(wayBack('/packages/staff/pages/roster/index', 3)).toBe('back')
  })

  it('offers nothing on tab pages, the login page and the join page', () => {
    for (const p of ['/pages/index/index', '/pages/activities/index', '/pages/notices/index', '/pages/mine/index', '/pages/login/index', '/pages/join/index', '']) {
      expect(wayBack(p, 1)).toBeNull()
      expect(wayBack(p, 3)).toBeNull()
    }
  })
})
