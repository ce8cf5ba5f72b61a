import type { TemplateKey } from '@cloud/contract/notify/notify.labels'

/** The moments the mini-program asks at, and the templates each needs. */
export type SubscribeMoment = 'apply' | 'signUp' | 'request' | 'notices'

export const TEMPLATES_OF_MOMENT: Record<SubscribeMoment, TemplateKey[]> = {
  apply: ['review_result'],
  signUp: ['activity'],
  request: ['request'],
  notices: ['notice'],
}
