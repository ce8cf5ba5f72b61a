import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import type { CloudError } from '../../services/cloud-error'
import { ActionButton } from '../action-button'

export interface LoadStatusProps {
  /** The page's own class for the problem block (`notice__problem`): each page places it. */
  problemClassName: string
  /** Why the last load failed; shown with 重试. */
  error: CloudError | null
  /**
   * Why there is nothing to load (a detail page opened without its id), shown without 重试
   * since trying again cannot help. Unset when the page always has something to load.
   */
  missing?: string
  onRetry: () => void
}

/** What a page shows until its data is there: the refusal (with 重试) or 正在加载…. */
export function LoadStatus({ problemClassName, error, missing, onRetry }: LoadStatusProps) {
  if (!error && !missing) {
    return (
      <Text className='muted' {...ariaRole('status')}>
        正在加载…
      </Text>
    )
  }
  return (
    <View className={problemClassName}>
      <Text className='error-text' {...ariaRole('alert')}>
        {error?.message ?? missing}
      </Text>
      {error && (
        <ActionButton size='small' onClick={onRetry}>
          重试
        </ActionButton>
      )}
    </View>
  )
}
