import type { TemplateKey } from '@cloud/contract/notify/notify.labels'
import type { SubscribeMoment } from './subscribe-moments'

/** H5: no WeChat subscribe messages; messages still land in 我的消息. */
export function askToSubscribe(_moment: SubscribeMoment): void {}

/** H5: nothing to remember. */
export function rememberTemplates(_templates: Partial<Record<TemplateKey, string>>): void {}

export function prepareSubscribe(): void {}
