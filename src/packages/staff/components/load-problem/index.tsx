import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import './index.scss'

export interface LoadProblemProps {
  /** What went wrong, in Chinese (usually the server's refusal message). */
  message: string
  onRetry: () => void
  /**
   * The page's own class for the block (`roster__problem`) where the page places it itself, e.g. as
   * a bar under content already shown; without it, a centred column (`load-problem`).
   */
  className?: string
}

/** A staff page that could not load: the reason, announced to screen readers, and 重试. */
export function LoadProblem({ message, onRetry, className = 'load-problem' }: LoadProblemProps) {
  return (
    <View className={className}>
      <Text className='error-text' {...ariaRole('alert')}>
        {message}
      </Text>
      <ActionButton size='small' onClick={onRetry}>
        重试
      </ActionButton>
    </View>
  )
}
