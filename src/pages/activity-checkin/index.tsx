import { useEffect, useRef, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useRouter, useUnload } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { useSession } from '../../hooks/useSession'
import { checkInErrorMessage, checkInSuccessMessage, codeFromScan, newNonce, type CheckInMessage } from '../../lib/activity'
import { ACTIVITY_DETAIL_PAGE, withQuery } from '../../lib/activity-routes'
import { INLINE_PREVIEW, scan, scannerAvailable } from '../../lib/scanner'
import { createStopper, type Stopper } from '../../lib/stop-signal'
import { cameraErrorMessage } from '../../lib/camera-error'
import { call, toCloudError } from '../../services/cloud'
import { CheckInView, SCAN_PREVIEW_ID } from './checkin-view'
import './index.scss'
import { PrivacySheet } from '../../components/privacy-sheet'

/**
 * 活动签到 (`?id=<activity>` from the detail page, or `?c=<code>` when a phone camera
 * opened the station's QR link: then it checks in at once).
 */
export default function CheckInPage() {
  useSession()
  const { params } = useRouter()
  const activityId = params.id
  const [title, setTitle] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<CheckInMessage | null>(null)
  const [pending, setPending] = useState<{ code: string; nonce: string } | null>(null)
  const [scanning, setScanning] = useState(false)
  const [scanError, setScanError] = useState('')
  const stopScan = useRef<Stopper | null>(null)
  const [doneActivity, setDoneActivity] = useState(activityId ?? '')

  async function submit(raw: string, nonce = newNonce()): Promise<void> {
    const text = codeFromScan(raw)
    if (!text) return
    setBusy(true)
    setResult(null)
    setPending(null)
    try {
      const r = await call('activity.checkIn', { code: text, nonce, ...(activityId ? { activityId } : {}) })
      setTitle(r.title)
      setDoneActivity(r.activityId)
      setResult(checkInSuccessMessage(r))
      setCode('')
      // Checked in (by the typed code, say): a camera problem from before no longer matters.
      setScanError('')
    } catch (thrown) {
      const error = toCloudError(thrown)
      setResult(checkInErrorMessage(error))
      // No answer came back: the same attempt may be sent again safely (same nonce).
      if (error.reason === 'network_error') setPending({ code: text, nonce })
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (params.c) void submit(params.c)
    else if (activityId) {
      call('activity.get', { id: activityId })
        .then((a) => setTitle(a.title))
        .catch(() => setTitle(''))
    }
    // Once, when the page opens with its parameters.
  }, [])

  async function startScan(): Promise<void> {
    setScanError('')
    const controller = createStopper()
    stopScan.current = controller
    setScanning(true)
    // Let the preview box render before the camera looks for it.
    await new Promise((resolve) => setTimeout(resolve, 0))
    try {
      await scan({
        containerId: SCAN_PREVIEW_ID,
        signal: controller.signal,
        onText: (text) => {
          controller.stop()
          void submit(text)
        },
      })
    } catch (thrown) {
      setScanError(`${cameraErrorMessage(thrown)}，请输入签到码`)
    } finally {
      setScanning(false)
    }
  }

  function closeCamera(): void {
    stopScan.current?.stop()
    setScanning(false)
  }
  useUnload(closeCamera)

  return (
    <View className='page' style={pageTextStyle()}>
      <PrivacySheet />
      <CheckInView
        title={title}
        code={code}
        onCode={setCode}
        onSubmit={() => void submit(code)}
        busy={busy}
        result={result}
        canRetry={pending !== null}
        onRetry={() => pending && void submit(pending.code, pending.nonce)}
        canScan={scannerAvailable()}
        scanning={scanning}
        inlinePreview={INLINE_PREVIEW}
        onScan={() => void startScan()}
        onStopScan={closeCamera}
        scanError={scanError}
        onBack={doneActivity ? () => void Taro.redirectTo({ url: withQuery(ACTIVITY_DETAIL_PAGE, { id: doneActivity }) }) : undefined}
      />
    </View>
  )
}
