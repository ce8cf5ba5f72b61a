/**
 * H5: the join form (and `zod/mini`, ≈ 30 KB gzip, which `checkApplyForm` brings) is a chunk of
 * its own, fetched once the consent screen is up (`preloadJoinForm`), so the first screen of a QR
 * link neither downloads nor runs it (docs/quality.md §10).
 */
import { lazy, Suspense } from 'react'
import { Text } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import type { JoinFormProps } from './join-form'

const load = () => import(/* webpackChunkName: "join-form" */ './join-form')
const Form = lazy(() => load().then((m) => ({ default: m.JoinForm })))

export function preloadJoinForm(): void {
  void load().catch(() => undefined) // a failed fetch is retried by the lazy component when the form opens
}

export function LazyJoinForm(props: JoinFormProps) {
  return (
    <Suspense
      fallback={
        <Text className='muted join__loading' {...ariaRole('status')}>
          正在打开申请表…
        </Text>
      }
    >
      <Form {...props} />
    </Suspense>
  )
}
