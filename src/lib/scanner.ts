/**
 * QR scanning, by platform (Taro picks `scanner.h5.ts` or `scanner.weapp.ts` at build
 * time). This default is what neither platform uses (unit tests): no camera, so pages
 * fall back to typing the code.
 */
import type { ScanOptions } from './scanner-types'

export type { ScanOptions }

/** The page shows its own preview box for the camera (H5), rather than the platform's scanner (weapp). */
export const INLINE_PREVIEW = false

export function scannerAvailable(): boolean {
  return false
}

export async function scan(_options: ScanOptions): Promise<void> {
  throw new Error('此环境不支持扫码，请手动输入')
}
