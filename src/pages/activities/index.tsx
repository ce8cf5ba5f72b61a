import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'
import { useSession } from '../../hooks/useSession'
import { heading } from '../../lib/a11y'
import './index.scss'

export default function ActivitiesPage() {
  useSession()
  return (
    <View className='page'>
      <Text className='page-title' {...heading()}>
        活动
      </Text>
      <EmptyState title='暂无活动' description='活动报名与签到即将开放' />
    </View>
  )
}
