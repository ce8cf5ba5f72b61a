import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../components/empty-state'
import { useSession } from '../../hooks/useSession'
import { heading } from '../../lib/a11y'
import './index.scss'

export default function NoticesPage() {
  useSession()
  return (
    <View className='page'>
      <Text className='page-title' {...heading()}>
        经费公示
      </Text>
      <EmptyState title='暂无经费公示' description='工会每季度公布经费收支，敬请关注' />
    </View>
  )
}
