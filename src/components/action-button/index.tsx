import type { ComponentProps } from 'react'
import { Button } from '@nutui/nutui-react-taro'
import { ariaRole } from '../../lib/a11y'

export type ActionButtonProps = ComponentProps<typeof Button>

/**
 * NutUI's Button with the ARIA role H5 needs: Taro renders it as `<taro-button-core>`,
 * which browsers (and the end-to-end tests) do not know to be a button.
 */
export function ActionButton({ disabled, loading, ...props }: ActionButtonProps) {
  return (
    <Button
      {...ariaRole('button')}
      aria-disabled={disabled || loading ? 'true' : undefined}
      aria-busy={loading ? 'true' : undefined}
      disabled={disabled}
      loading={loading}
      {...props}
    />
  )
}
