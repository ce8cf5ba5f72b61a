import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Switch, Text, View } from '@tarojs/components'
import type { NotifySettings } from '@cloud/contract'
import { NOTIFY_KINDS, NOTIFY_KIND_LABELS, STAFF_KINDS, type NotifyKind } from '@cloud/contract/notify/notify.labels'
import { ariaRole, heading } from '../../lib/a11y'
import { call, toCloudError } from '../../services/cloud'

/** 消息设置: which kinds also go to WeChat (all land in 我的消息); staff turn their digests off here. */
export default function MessageSettingsPage() {
  const [s, setS] = useState<NotifySettings | null>(null)
  const [problem, setProblem] = useState('')

  useDidShow(() => {
    call('notify.settings', {})
      .then(setS)
      .catch((e: unknown) => setProblem(toCloudError(e).message))
  })

  async function change(input: { wechat?: Partial<Record<NotifyKind, boolean>>; staffDigest?: boolean }): Promise<void> {
    try {
      setS(await call('notify.settings', input))
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    }
  }

  return (
    <View className='page'>
      <Text className='page-title' {...heading()}>
        消息设置
      </Text>
      <Text className='muted'>所有消息都会出现在“我的消息”中；打开的类别同时通过微信服务通知提醒你（需在小程序中同意订阅）。</Text>
      {problem ? (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      ) : null}
      {s ? (
        <View>
          {NOTIFY_KINDS.filter((k) => !STAFF_KINDS.includes(k)).map((k) => (
            <View key={k} className='form-row'>
              <Text>{NOTIFY_KIND_LABELS[k]}</Text>
              <Switch aria-label={`${NOTIFY_KIND_LABELS[k]}发到微信`} checked={s.wechat[k]} onChange={(e) => void change({ wechat: { [k]: e.detail.value } })} />
            </View>
          ))}
          <View className='form-row'>
            <Text>工作提醒（待审核汇总、待审批、待签署）</Text>
            <Switch aria-label='接收工作提醒' checked={s.staffDigest} onChange={(e) => void change({ staffDigest: e.detail.value })} />
          </View>
        </View>
      ) : null}
    </View>
  )
}
