/**
 * QR scanning in the WeChat mini-program: WeChat's own scanner (`wx.scanCode`), one
 * code per call. No camera library is bundled in the mini-program.
 */
import Taro from '@tarojs/taro'
import type { ScanOptions } from './scanner-types'

export type { ScanOptions }

export const INLINE_PREVIEW = false

export function scannerAvailable(): boolean {
  return true
}

export async function scan({ onText, signal }: ScanOptions): Promise<void> {
  if (signal.aborted) return
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    if (r.result && !signal.aborted) onText(r.result)
  } catch (err) {
    // Closing WeChat's scanner is not an error: the page simply stays as it was.
    const msg = (err as { errMsg?: string } | undefined)?.errMsg ?? ''
    if (!/cancel/.test(msg)) throw err
  }
}
