import '../../../tests/stubs/text-encoding'
import { fireEvent, render, screen } from '@testing-library/react'
import { navigation, resetTaroStub } from '../../../tests/stubs/taro'
import { ensureJoinSession } from '../../services/join-session'
import { setSessionToken } from '../../services/session'
import { WECHAT_OFFER_WHY, WechatOffer } from './wechat-offer.h5'

const LINK = 'https://wxaurl.cn/AbCd1234'

describe('在微信中打开 on the H5 join page', () => {
  it('says why joining needs WeChat and offers one tap into the mini-program with the invitation\'s URL Link', () => {
    const onLogin = jest.fn()
    render(<WechatOffer urlLink={LINK} loading={false} onLogin={onLogin} />)
    expect(screen.getByText(WECHAT_OFFER_WHY)).toBeTruthy()
    expect(WECHAT_OFFER_WHY).toContain('入会需要用微信登录')
    const link = screen.getByRole('link', { name: '在微信中打开' })
    expect(link.getAttribute('href')).toBe(LINK)
    fireEvent.click(screen.getByRole('button', { name: '已有账号？用账号登录' }))
    expect(onLogin).toHaveBeenCalledTimes(1)
  })

  it('says it is preparing the link, then, without one, to scan the poster with WeChat', () => {
    const { rerender } = render(<WechatOffer loading onLogin={() => undefined} />)
    expect(screen.getByRole('status').textContent).toBe('正在准备微信链接…')
    expect(screen.queryByRole('link')).toBeNull()
    rerender(<WechatOffer loading={false} unavailable='本服务未配置微信小程序，请用微信扫描海报上的二维码' onLogin={() => undefined} />)
    expect(screen.getByRole('status').textContent).toContain('扫描海报上的二维码继续入会')
    expect(screen.queryByRole('link')).toBeNull()
  })
})

describe('the join page\'s session outside WeChat', () => {
  const demo = (on: boolean) => ((globalThis as unknown as { UNION_DEMO: boolean }).UNION_DEMO = on)
  beforeEach(resetTaroStub)
  afterEach(() => demo(true))

  it('a production H5 build without a session offers WeChat instead of opening the login page', async () => {
    demo(false)
    expect(await ensureJoinSession('/pages/join/index?t=abc')).toBe('wechat')
    expect(navigation).toEqual([])
  })

  it('goes on with an existing session', async () => {
    demo(false)
    setSessionToken('s1')
    expect(await ensureJoinSession('/pages/join/index?t=abc')).toBe('ready')
  })
})
