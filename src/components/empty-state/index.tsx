import { Text, View } from '@tarojs/components'
import './index.scss'

export interface EmptyStateProps {
  title: string
  description?: string
}

/** A quiet "nothing here yet" block (no remote images, unlike NutUI's Empty). */
export function EmptyState({ title, description }: EmptyStateProps) {
  return (
    <View className='empty-state'>
      <View className='empty-state__mark' />
      <Text className='empty-state__title'>{title}</Text>
      {description && <Text className='empty-state__description'>{description}</Text>}
    </View>
  )
}
