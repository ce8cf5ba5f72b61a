import Taro from '@tarojs/taro'
import { pageTextStyle } from '../../lib/text-size'
import { Text, View } from '@tarojs/components'
import { useSession } from '../../hooks/useSession'
import { useOrgTree } from '../../hooks/useOrgTree'
import { ariaRole, heading } from '../../lib/a11y'
import { ACTIVITIES_TAB, CARD_PAGE, NOTICES_TAB, REQUESTS_PAGE } from '../../lib/routes'
import './index.scss'

/** The core services. A tab page opens with `switchTab` (WeChat refuses `navigateTo` to a tab page). */
const SERVICES: readonly { key: string; title: string; description: string; url: string; tab?: boolean }[] = [
  { key: 'join', title: '入会', description: '扫码提交入会申请，查看审核进度和电子会员卡', url: CARD_PAGE },
  { key: 'activities', title: '活动', description: '报名工会活动，到场扫码签到', url: ACTIVITIES_TAB, tab: true },
  { key: 'funds', title: '经费公示', description: '每季度查看工会经费收支', url: NOTICES_TAB, tab: true },
  { key: 'requests', title: '诉求与建议', description: '向工会反映问题或提建议，可匿名，7 天内答复', url: REQUESTS_PAGE },
]

function open(s: (typeof SERVICES)[number]): void {
  void (s.tab ? Taro.switchTab({ url: s.url }) : Taro.navigateTo({ url: s.url }))
}

export default function IndexPage() {
  useSession()
  const { tree, error } = useOrgTree()

  return (
    <View className='page home' style={pageTextStyle()}>
      <View className='home__banner'>
        <Text className='home__union' {...heading()}>
          {tree ? tree.name : error ? '行业工会' : '正在加载…'}
        </Text>
        <Text className='home__welcome'>欢迎来到工会之家。入会、参加活动、查看经费公示，都在这里。</Text>
      </View>
      <View className='home__cards'>
        {SERVICES.map((s) => (
          <View className='home__card home__card--open' key={s.key} {...ariaRole('button')} onClick={() => open(s)}>
            <View className='home__card-head'>
              <Text className='home__card-title'>{s.title}</Text>
              <Text className='home__badge home__badge--open'>进入 ›</Text>
            </View>
            <Text className='home__card-text'>{s.description}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
