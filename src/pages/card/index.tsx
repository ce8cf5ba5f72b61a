import { useCallback, useEffect, useRef, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { MemberCard, MyStatus } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { useSession } from '../../hooks/useSession'
import { ariaRole } from '../../lib/a11y'
import { inviteTokenFromParams, joinPath } from '../../lib/join-link'
import { qrImageSrc } from '../../lib/qr'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { MemberCardView, StatusView } from './card-view'
import './index.scss'
import { PrivacySheet } from '../../components/privacy-sheet'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

/**
 * 入会进度 / 电子会员卡. A member sees the card; its QR is renewed every `refreshAfterSeconds`
 * while the page is shown (and at once when it is shown again). Everyone else sees their status.
 */
export default function CardPage() {
  useSession()
  const [status, setStatus] = useState<MyStatus | null>(null)
  const [card, setCard] = useState<MemberCard | null>(null)
  const [qrSrc, setQrSrc] = useState('')
  const [secondsLeft, setSecondsLeft] = useState(0)
  const [problem, setProblem] = useState<CloudError | null>(null)
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const renewAt = useRef(0)

  const stop = useCallback(() => {
    if (timer.current) clearInterval(timer.current)
    timer.current = null
  }, [])

  const loadCard = useCallback(async () => {
    const c = await call('membership.card', {})
    setCard(c)
    setQrSrc(await qrImageSrc(c.token))
    // Counted from receipt, not from `expiresAt`: the phone's clock may be wrong.
    renewAt.current = Date.now() + c.refreshAfterSeconds * 1000
    setSecondsLeft(c.refreshAfterSeconds)
  }, [])

  const load = useCallback(async () => {
    stop()
    setProblem(null)
    try {
      const s = await call('membership.myStatus', {})
      setStatus(s)
      if (s.status !== 'member') {
        setCard(null)
        return
      }
      await loadCard()
      timer.current = setInterval(() => {
        const left = Math.max(0, Math.round((renewAt.current - Date.now()) / 1000))
        setSecondsLeft(left)
        if (left === 0) {
          renewAt.current = Date.now() + 60_000 // no second request while this one runs
          loadCard().catch((thrown: unknown) => setProblem(toCloudError(thrown)))
        }
      }, 1000)
    } catch (thrown) {
      setProblem(toCloudError(thrown))
    }
  }, [loadCard, stop])

  useDidShow(() => void load())
  useDidHide(stop)
  useEffect(() => stop, [stop])

  async function scan(): Promise<void> {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true })
      const text = r.result ?? ''
      const token = inviteTokenFromParams(text.includes('t=') ? { q: encodeURIComponent(text) } : { scene: r.path?.split('scene=')[1] ?? text })
      if (!token) throw new Error('not an invitation')
      void Taro.navigateTo({ url: joinPath(token) })
    } catch {
      void Taro.showToast({ title: '没有识别到入会二维码', icon: 'none' })
    }
  }

  return (
    <View className='page card-page' style={pageTextStyle()}>
      <PrivacySheet />
      {card ? (
        <MemberCardView card={card} qrSrc={qrSrc} secondsLeft={secondsLeft} />
      ) : status ? (
        <StatusView status={status} onScan={IS_WEAPP ? () => void scan() : undefined} />
      ) : (
        !problem && (
          <Text className='muted card-page__loading' {...ariaRole('status')}>
            正在加载…
          </Text>
        )
      )}
      {problem && (
        <View className='card-page__problem'>
          <Text className='error-text' {...ariaRole('alert')}>
            {problem.message}
          </Text>
          <ActionButton size='small' onClick={() => void load()}>
            重试
          </ActionButton>
        </View>
      )}
    </View>
  )
}
