import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useDidShow, useRouter, useUnload } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../../../components/action-button'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { newNonce } from '../../../../lib/activity'
import { INLINE_PREVIEW, scan, scannerAvailable } from '../../../../lib/scanner'
import { createStopper, type Stopper } from '../../../../lib/stop-signal'
import { cameraErrorMessage } from '../../../../lib/camera-error'
import { call, toCloudError } from '../../../../services/cloud'
import { addScan, applyResults, nextBatch, scanLine, type QueuedScan } from '../../lib/scan-queue'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

const PREVIEW_ID = 'scan-members-preview'
const DEVICE_KEY = 'union.deviceId'
/** Waiting scans are sent again this often while the network is down. */
const RETRY_MS = 10_000

function deviceId(): string {
  const stored: unknown = Taro.getStorageSync(DEVICE_KEY)
  if (typeof stored === 'string' && stored) return stored
  const id = `dev-${newNonce().slice(0, 16)}`
  Taro.setStorageSync(DEVICE_KEY, id)
  return id
}

function loadQueue(key: string): QueuedScan[] {
  const stored: unknown = Taro.getStorageSync(key)
  return Array.isArray(stored) ? (stored as QueuedScan[]) : []
}

/**
 * 扫会员码签到 (`?id=`): staff scan members' card QR codes (for those without a phone at
 * hand). Scans are queued on this device (survives going offline and closing the page)
 * and uploaded in batches; each line shows the server's answer.
 */
export default function ScanMembersPage() {
  useSession()
  const { params } = useRouter()
  const activityId = params.id ?? ''
  const storageKey = `union.scanQueue.${activityId}`
  const [queue, setQueue] = useState<QueuedScan[]>(() => loadQueue(storageKey))
  const queueRef = useRef(queue)
  const [title, setTitle] = useState('')
  const [uploading, setUploading] = useState(false)
  const [offline, setOffline] = useState('')
  const [scanning, setScanning] = useState(false)
  const [scanError, setScanError] = useState('')
  const [typed, setTyped] = useState('')
  const stopRef = useRef<Stopper | null>(null)
  const busyRef = useRef(false)
  const device = useRef(deviceId())

  const save = useCallback(
    (next: QueuedScan[]) => {
      queueRef.current = next
      setQueue(next)
      Taro.setStorageSync(storageKey, next)
    },
    [storageKey],
  )

  const upload = useCallback(async () => {
    if (busyRef.current) return
    const batch = nextBatch(queueRef.current)
    if (batch.length === 0) return
    busyRef.current = true
    setUploading(true)
    try {
      const { results } = await call('activity.scanMember', {
        activityId,
        scans: batch.map(({ memberToken, nonce, deviceId: d, scannedAt }) => ({ memberToken, nonce, deviceId: d, scannedAt })),
      })
      save(applyResults(queueRef.current, results))
      setOffline('')
    } catch (thrown) {
      const error = toCloudError(thrown)
      setOffline(error.reason === 'network_error' ? '网络不通：扫码已保存在本机，恢复网络后自动上传' : error.message)
    } finally {
      busyRef.current = false
      setUploading(false)
    }
    // More than one batch waiting: carry on.
    if (nextBatch(queueRef.current).length > 0 && !busyRef.current) void upload()
  }, [activityId, save])

  useEffect(() => {
    const timer = setInterval(() => void upload(), RETRY_MS)
    call('activity.get', { id: activityId })
      .then((a) => setTitle(a.title))
      .catch((thrown: unknown) => setOffline(toCloudError(thrown).message))
    return () => clearInterval(timer)
  }, [activityId, upload])
  useDidShow(() => void upload())

  function onScanned(text: string): void {
    const { queue: next, added } = addScan(queueRef.current, text, device.current, newNonce(), new Date())
    if (!added) return
    setScanError('')
    save(next)
    void upload()
  }

  async function startScan(): Promise<void> {
    setScanError('')
    const controller = createStopper()
    stopRef.current = controller
    setScanning(true)
    await new Promise((resolve) => setTimeout(resolve, 0))
    try {
      // H5 keeps the camera on and reads card after card; WeChat's scanner reads one per tap.
      await scan({ containerId: PREVIEW_ID, signal: controller.signal, onText: onScanned, continuous: true })
    } catch (thrown) {
      setScanError(cameraErrorMessage(thrown))
    } finally {
      setScanning(false)
    }
  }

  function stopScan(): void {
    stopRef.current?.stop()
    setScanning(false)
  }
  useUnload(stopScan)

  const waiting = queue.filter((s) => !s.result).length
  const done = queue.filter((s) => s.result?.outcome === 'checked_in').length
  return (
    <View className='page scan-members'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        扫会员码签到
      </Text>
      {title && <Text className='scan-members__activity'>{title}</Text>}
      {INLINE_PREVIEW && scanning && <View id={PREVIEW_ID} className='scan-members__preview' />}
      <View className='scan-members__actions'>
        {scannerAvailable() &&
          (scanning && INLINE_PREVIEW ? (
            <ActionButton block onClick={stopScan}>
              停止扫码
            </ActionButton>
          ) : (
            <ActionButton type='primary' block onClick={() => void startScan()}>
              扫描会员码
            </ActionButton>
          ))}
        {scanError && <Text className='error-text'>{scanError}</Text>}
      </View>
      <View className='scan-members__manual'>
        <Input
          name='token'
          placeholder='扫码枪或粘贴会员码内容'
          nativeProps={{ 'aria-label': '会员码内容' }}
          value={typed}
          maxLength={512}
          onChange={setTyped}
        />
        <ActionButton
          size='small'
          disabled={!typed.trim()}
          onClick={() => {
            onScanned(typed)
            setTyped('')
          }}
        >
          加入
        </ActionButton>
      </View>
      <View className='scan-members__summary' {...ariaRole('status')}>
        <Text>本机签到成功 {done} 人</Text>
        <Text>{waiting > 0 ? `待上传 ${waiting} 条` : '已全部上传'}</Text>
      </View>
      {offline && (
        <Text className='scan-members__offline' {...ariaRole('alert')}>
          {offline}
        </Text>
      )}
      {waiting > 0 && (
        <ActionButton block loading={uploading} onClick={() => void upload()}>
          立即上传
        </ActionButton>
      )}
      <View {...ariaRole('list')} aria-label='扫码记录' className='scan-members__list'>
        {queue.map((s) => {
          const line = scanLine(s)
          return (
            <Text key={s.nonce} {...ariaRole('listitem')} className={`scan-members__line scan-members__line--${line.tone}`}>
              {line.text}
            </Text>
          )
        })}
      </View>
    </View>
  )
}
