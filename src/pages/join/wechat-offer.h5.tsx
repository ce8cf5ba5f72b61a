/**
 * H5: 在微信中打开. The join page opened outside the mini-program (a phone camera, a browser) cannot
 * log in with WeChat, so it says why and offers one tap into the mini-program's join page for the
 * same invitation: a plain link to the invitation's WeChat URL Link (`membership.joinUrlLink`),
 * which opens WeChat. Without a link (the host has no WeChat credentials, or WeChat is down) it says
 * to scan the poster with WeChat instead. People with an account may still log in.
 */
import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import type { WechatOfferProps } from './wechat-offer'

export const WECHAT_OFFER_WHY = '入会需要用微信登录：申请会与你的微信绑定，审核通过后在微信小程序里查看电子会员卡。'

export function WechatOffer({ urlLink, loading, unavailable, onLogin }: WechatOfferProps) {
  return (
    <View className='join__card' aria-label='在微信中打开'>
      <Text className='join__title' {...heading(2)}>
        请在微信中继续
      </Text>
      <Text className='join__text'>{WECHAT_OFFER_WHY}</Text>
      {urlLink ? (
        <>
          <Text className='join__text'>点下面的按钮会打开微信，进入工会小程序的入会页面，接着填写即可。</Text>
          <a className='join__wechat-link' href={urlLink} rel='noreferrer'>
            在微信中打开
          </a>
        </>
      ) : loading ? (
        <Text className='muted' {...ariaRole('status')}>
          正在准备微信链接…
        </Text>
      ) : (
        <Text className='join__notice' {...ariaRole('status')}>
          {unavailable ?? '暂时无法从这里打开微信'}。请打开微信，用“扫一扫”扫描海报上的二维码继续入会。
        </Text>
      )}
      <ActionButton block fill='none' onClick={onLogin}>
        已有账号？用账号登录
      </ActionButton>
    </View>
  )
}
