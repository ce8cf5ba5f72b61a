import Taro from '@tarojs/taro'
import { pageTextStyle } from '../../lib/text-size'
import { View } from '@tarojs/components'
import { LoadStatus } from '../../components/load-status'
import { usePageData } from '../../hooks/usePageData'
import { useSession } from '../../hooks/useSession'
import { REQUEST_NEW_PAGE, REQUEST_PAGE } from '../../lib/routes'
import { call } from '../../services/cloud'
import { RequestsView } from './requests-view'
import './index.scss'

/** 诉求与建议 (member): my requests and 我要反映. */
export default function RequestsPage() {
  const { user } = useSession({ loadUser: true })
  const { data, error, reload } = usePageData(() => call('request.mine', {}))

  return (
    <View className='page' style={pageTextStyle()}>
      {data ? (
        <RequestsView
          items={data.items}
          canSubmit={Boolean(user?.memberOf)}
          onNew={() => void Taro.navigateTo({ url: REQUEST_NEW_PAGE })}
          onOpen={(id) => void Taro.navigateTo({ url: `${REQUEST_PAGE}?id=${encodeURIComponent(id)}` })}
        />
      ) : (
        <LoadStatus problemClassName='requests__problem' error={error} onRetry={reload} />
      )}
    </View>
  )
}
