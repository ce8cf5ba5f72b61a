/**
 * 订阅消息: ask WeChat for the templates a moment needs. Taro picks `subscribe.weapp.ts` in the
 * mini-program (the real `wx.requestSubscribeMessage`) and `subscribe.h5.ts` in H5 (no subscribe
 * messages there). This default is what neither platform uses (unit tests): nothing to ask.
 * Call `askToSubscribe` first thing in a tap handler, before anything is awaited: WeChat accepts
 * the request only directly inside a tap.
 */
import type { TemplateKey } from '@cloud/contract/notify/notify.labels'
import type { SubscribeMoment } from './subscribe-moments'

export type { SubscribeMoment }

export function askToSubscribe(_moment: SubscribeMoment): void {}

export function rememberTemplates(_templates: Partial<Record<TemplateKey, string>>): void {}

export function prepareSubscribe(): void {}
