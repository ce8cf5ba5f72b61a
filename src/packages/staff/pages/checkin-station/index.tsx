import { useEffect, useRef, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { OutputOf } from '@cloud/contract'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { keepScreenOn } from '../../../../lib/keep-awake'
import { qrImageSrc } from '../../../../lib/qr'
import { call, toCloudError } from '../../../../services/cloud'
import './index.scss'

/** How often the station asks for the code and the counts: the counter is never more than this old. */
const POLL_MS = 3000

type Station = OutputOf<'activity.checkInCode'>

/**
 * 签到台 (`?id=`): for the organiser's phone, tablet or laptop at the door. Shows the
 * rotating QR (a new code every 15 s; a photo sent home stops working within 30 s), its
 * 6-digit form for typing, and a live counter of checked-in / signed-up.
 */
export default function CheckInStationPage() {
  useSession()
  const { params } = useRouter()
  const id = params.id ?? ''
  const [station, setStation] = useState<Station | null>(null)
  const [title, setTitle] = useState('')
  const [qr, setQr] = useState('')
  const [problem, setProblem] = useState('')
  const shownCode = useRef('')

  useEffect(() => {
    let live = true
    const tick = () => {
      call('activity.checkInCode', { id })
        .then(async (s) => {
          if (!live) return
          setStation(s)
          setProblem('')
          if (s.code !== shownCode.current) {
            shownCode.current = s.code
            const src = await qrImageSrc(s.url, 2)
            if (live) setQr(src)
          }
        })
        .catch((thrown: unknown) => live && setProblem(`${toCloudError(thrown).message}（二维码可能已过期，正在重试）`))
    }
    tick()
    const timer = setInterval(tick, POLL_MS)
    call('activity.get', { id })
      .then((a) => live && setTitle(a.title))
      .catch((thrown: unknown) => live && setProblem(toCloudError(thrown).message))
    let release: (() => void) | undefined
    void keepScreenOn().then((r) => (live ? (release = r) : r()))
    return () => {
      live = false
      clearInterval(timer)
      release?.()
    }
  }, [id])

  return (
    <View className='page station'>
      <Text className='page-title station__title' {...heading()}>
        签到台
      </Text>
      {title && <Text className='station__activity'>{title}</Text>}
      {station && !station.checkInOpen && (
        <Text className='station__closed' {...ariaRole('alert')}>
          现在不在签到时间，会员扫码会被拒绝
        </Text>
      )}
      <View className='station__qr-box' {...ariaRole('img')} aria-label='签到二维码'>
        {qr ? <Image className='station__qr' src={qr} mode='aspectFit' /> : <Text className='muted'>正在生成二维码…</Text>}
      </View>
      <Text className='station__hint'>请会员用“活动”里的扫码签到，或用手机相机扫码</Text>
      {station && (
        <View className='station__manual'>
          <Text className='station__manual-label'>手动签到码</Text>
          <Text className='station__manual-code' aria-label='手动签到码'>
            {`${station.manualCode.slice(0, 3)} ${station.manualCode.slice(3)}`}
          </Text>
          <Text className='station__hint'>每 15 秒自动更换</Text>
        </View>
      )}
      <View className='station__counter' {...ariaRole('status')} aria-label='签到人数'>
        <Text className='station__count'>{station ? station.checkedIn : '–'}</Text>
        <Text className='station__count-sep'>/</Text>
        <Text className='station__count station__count--total'>{station ? station.signedUp : '–'}</Text>
        <Text className='station__count-label'>已签到 / 已报名</Text>
      </View>
      {problem && (
        <Text className='error-text station__problem' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}
