import type { TemplateKey } from '@cloud/contract/notify/notify.labels'
import { call } from '../services/cloud'
import { TEMPLATES_OF_MOMENT, type SubscribeMoment } from './subscribe-moments'

interface WxSubscribe {
  requestSubscribeMessage(o: { tmplIds: string[]; success?: (res: Record<string, string>) => void; fail?: () => void }): void
}
declare const wx: WxSubscribe

/** The deployment's template ids (notify.settings' `templates`), fetched ahead so the tap need not await. */
let known: Partial<Record<TemplateKey, string>> = {}

export function rememberTemplates(templates: Partial<Record<TemplateKey, string>>): void {
  known = { ...templates }
}

/** Fetches the template ids (when logged in) so that a later tap can ask without awaiting. */
export function prepareSubscribe(): void {
  void call('notify.settings', {}, { stay: true })
    .then((s) => rememberTemplates(s.templates))
    .catch(() => undefined)
}

/**
 * `wx.requestSubscribeMessage` for the moment's templates, synchronously inside the tap; the answer
 * (accept / reject / ban per template) is recorded with `notify.subscribe`. Templates not configured
 * are left out; with none, nothing is asked.
 */
export function askToSubscribe(moment: SubscribeMoment): void {
  const tmplIds = TEMPLATES_OF_MOMENT[moment].map((k) => known[k]).filter((id): id is string => !!id)
  if (tmplIds.length === 0) return prepareSubscribe()
  wx.requestSubscribeMessage({
    tmplIds,
    success(res: Record<string, string>) {
      const answers: Record<string, 'accept' | 'reject' | 'ban' | 'filter'> = {}
      for (const id of tmplIds) {
        const a = res[id]
        if (a === 'accept' || a === 'reject' || a === 'ban' || a === 'filter') answers[id] = a
      }
      if (Object.keys(answers).length) void call('notify.subscribe', { answers }).catch(() => undefined)
    },
    fail() {
      // Declined at the WeChat level (e.g. the main switch off): messages still land in 我的消息.
    },
  })
}
