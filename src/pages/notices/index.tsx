import Taro from '@tarojs/taro'
import { pageTextStyle } from '../../lib/text-size'
import { View } from '@tarojs/components'
import { LoadStatus } from '../../components/load-status'
import { usePageData } from '../../hooks/usePageData'
import { useSession } from '../../hooks/useSession'
import { NOTICE_PAGE } from '../../lib/routes'
import { call } from '../../services/cloud'
import { NoticesView } from './notices-view'
import './index.scss'

export default function NoticesPage() {
  useSession()
  const { data, error, reload } = usePageData(() => call('fund.listNotices', {}))

  return (
    <View className='page' style={pageTextStyle()}>
      {data ? (
        <NoticesView unionName={data.unionName} items={data.items} onOpen={(id) => void Taro.navigateTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(id)}` })} />
      ) : (
        <LoadStatus problemClassName='notices__problem' error={error} onRetry={reload} />
      )}
    </View>
  )
}
