/**
 * QR scanning in the browser (H5): the rear camera through `getUserMedia`, decoded with
 * jsQR. `Taro.scanCode` only works inside WeChat's JS-SDK, so H5 needs its own decoder.
 *
 * Why jsQR (of jsQR ~145 KB, html5-qrcode ~420 KB, @zxing ~540 KB — all three decoded
 * our codes in the toolchain probe): it is the smallest, has no UI of its own to fight
 * with Taro's components, has no dependencies, and works on a plain `ImageData`, which
 * is all a camera frame drawn on a canvas gives. It is imported dynamically, so it is
 * downloaded only when a scan page starts the camera, never with the app shell.
 *
 * The camera needs a secure origin (https or localhost); elsewhere `scannerAvailable()`
 * is false and pages offer typing the code instead.
 */
import type { ScanOptions } from './scanner-types'

export type { ScanOptions }

export const INLINE_PREVIEW = true

/** Frames are scaled to at most this width before decoding: enough for a code filling part of the view, cheap on slow phones. */
const DECODE_WIDTH = 640
const FRAME_MS = 250
/** The same code seen again within this time is the same scan, not a new one. */
const SAME_CODE_MS = 3000

export function scannerAvailable(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

export async function scan({ containerId, signal, onText, continuous = false }: ScanOptions): Promise<void> {
  const container = document.getElementById(containerId)
  if (!container) throw new Error('扫码区域未就绪')
  const [{ default: jsQR }, stream] = await Promise.all([
    import(/* webpackChunkName: "jsqr" */ 'jsqr'),
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
  ])
  if (signal.aborted) {
    stream.getTracks().forEach((track) => track.stop())
    return
  }
  const video = document.createElement('video')
  video.setAttribute('playsinline', 'true')
  video.setAttribute('aria-label', '摄像头取景')
  video.muted = true
  video.srcObject = stream
  video.style.width = '100%'
  video.style.height = '100%'
  video.style.objectFit = 'cover'
  container.appendChild(video)
  await video.play()
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d', { willReadFrequently: true })
  if (!ctx) throw new Error('浏览器不支持画布，无法扫码')

  await new Promise<void>((resolve) => {
    let last = ''
    let lastAt = 0
    const timer = setInterval(() => {
      if (video.readyState < 2 || !video.videoWidth) return
      const scale = Math.min(1, DECODE_WIDTH / video.videoWidth)
      const w = Math.round(video.videoWidth * scale)
      const h = Math.round(video.videoHeight * scale)
      canvas.width = w
      canvas.height = h
      ctx.drawImage(video, 0, 0, w, h)
      const found = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'dontInvert' })
      if (!found?.data) return
      const now = Date.now()
      if (found.data === last && now - lastAt < SAME_CODE_MS) return
      last = found.data
      lastAt = now
      onText(found.data)
      if (!continuous) stop()
    }, FRAME_MS)
    // Assigned below; stop() may run inside onStop() when the signal is already stopped.
    let removeStop: () => void = () => undefined
    function stop(): void {
      clearInterval(timer)
      stream.getTracks().forEach((track) => track.stop())
      video.remove()
      removeStop()
      resolve()
    }
    removeStop = signal.onStop(stop)
  })
}
