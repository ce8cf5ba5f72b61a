import { Text } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'

export interface StepFeedbackProps {
  /** What the last step did (`已上传`), announced politely; in the page's own class. */
  message?: string | null
  messageClassName: string
  /** Why the last step was refused, announced at once. */
  problem?: string | null
}

/** The outcome of the last step a page ran (a `useSteps` page): the message or the refusal, or nothing. */
export function StepFeedback({ message, messageClassName, problem }: StepFeedbackProps) {
  return (
    <>
      {message && (
        <Text className={messageClassName} {...ariaRole('status')}>
          {message}
        </Text>
      )}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </>
  )
}
