import Taro from '@tarojs/taro'
import { pageTextStyle } from '../../lib/text-size'
import { View } from '@tarojs/components'
import { LoadStatus } from '../../components/load-status'
import { usePageData } from '../../hooks/usePageData'
import { useSession } from '../../hooks/useSession'
import { NOTICE_PAGE } from '../../lib/routes'
import { call } from '../../services/cloud'
import { NoticesView } from './notices-view'
import { askToSubscribe } from '../../lib/subscribe'
import { ActionButton } from '../../components/action-button'
import './index.scss'

export default function NoticesPage() {
  useSession()
  const { data, error, reload } = usePageData(() => call('fund.listNotices', {}))

  return (
    <View className='page' style={pageTextStyle()}>
      {/* 新公示提醒: the mini-program asks WeChat for the notice template in this tap (H5: nothing to ask). */}
      {process.env.TARO_ENV === 'weapp' && data ? (
        <ActionButton size='small' onClick={() => askToSubscribe('notices')}>
          新公示提醒
        </ActionButton>
      ) : null}
      {data ? (
        <NoticesView unionName={data.unionName} items={data.items} onOpen={(id) => void Taro.navigateTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(id)}` })} />
      ) : (
        <LoadStatus problemClassName='notices__problem' error={error} onRetry={reload} />
      )}
    </View>
  )
}
