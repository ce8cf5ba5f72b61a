import { inviteTokenFromParams, joinPath } from './join-link'

const TOKEN = 'eyJ2IjoxLCJpbnYiOiJpbnZfYWJjIn0.AbC-_12'

describe('inviteTokenFromParams', () => {
  it('reads t= of the H5 link (already decoded or still encoded)', () => {
    expect(inviteTokenFromParams({ t: TOKEN })).toBe(TOKEN)
    expect(inviteTokenFromParams({ t: encodeURIComponent(TOKEN) })).toBe(TOKEN)
  })

  it('reads the link a WeChat QR scan passes as q', () => {
    const link = `https://union.example.cn/#/pages/join/index?t=${encodeURIComponent(TOKEN)}`
    expect(inviteTokenFromParams({ q: encodeURIComponent(link) })).toBe(TOKEN)
  })

  it('reads the short scene form of a mini-program code', () => {
    expect(inviteTokenFromParams({ scene: encodeURIComponent('inv_demo_cy01.AbCdEfGh') })).toBe('inv_demo_cy01.AbCdEfGh')
  })

  it('gives an empty token when the page was opened without one', () => {
    expect(inviteTokenFromParams({})).toBe('')
    expect(inviteTokenFromParams({ q: encodeURIComponent('https://example.cn/#/pages/index/index') })).toBe('')
  })

  it('builds the path to come back to', () => {
    expect(inviteTokenFromParams({ t: joinPath(TOKEN).split('?t=')[1] })).toBe(TOKEN)
  })
})
