import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { ariaRole, heading } from '../../lib/a11y'
import { agreePrivacy, declinePrivacy, openPrivacyContract, watchPrivacyRequests, type PrivacyRequest } from '../../lib/privacy'
import './index.scss'

const AGREE_ID = 'privacy-agree'

/** The current page's route as WeChat names it (no leading slash, no query). */
function currentRoute(): string {
  return (Taro.getCurrentInstance().router?.path ?? '').replace(/^\//, '').split('?')[0]
}

/**
 * 隐私保护指引 sheet: shown on the page that is about to scan or pick a file when WeChat needs the
 * person's agreement first (privacy.weapp.ts). Put it on every page that calls such an API. Renders
 * nothing in H5.
 */
export function PrivacySheet() {
  const [request, setRequest] = useState<PrivacyRequest | null>(null)
  const [route] = useState(currentRoute)
  useEffect(() => watchPrivacyRequests(setRequest), [])
  if (!request || (request.route && route && request.route !== route)) return null
  return (
    <View className='privacy-sheet' {...ariaRole('dialog')} aria-label='隐私保护指引'>
      <View className='privacy-sheet__panel'>
        <Text className='privacy-sheet__title' {...heading(2)}>
          使用前请阅读隐私保护指引
        </Text>
        <Text className='privacy-sheet__text'>
          扫码签到、扫会员码和上传材料要用到摄像头、相册或聊天文件。工会只用它们完成你正在做的这件事，不另作他用。
        </Text>
        <Text className='privacy-sheet__link' onClick={openPrivacyContract}>
          查看《隐私保护指引》
        </Text>
        <View className='privacy-sheet__actions'>
          <Button className='privacy-sheet__decline' onClick={declinePrivacy}>
            不同意
          </Button>
          <Button id={AGREE_ID} className='privacy-sheet__agree' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => agreePrivacy(AGREE_ID)}>
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  )
}
