import type { StopSignal } from './stop-signal'

/** What a QR scanner needs from the page (see scanner.h5.ts, scanner.weapp.ts). */
export interface ScanOptions {
  /** H5: the id of the element the camera preview goes into. Ignored where the platform scans itself. */
  containerId: string
  /** Stops the camera. */
  signal: StopSignal
  /** Each decoded QR text. */
  onText: (text: string) => void
  /** Keep scanning after a code (the staff scanner); otherwise stop at the first. */
  continuous?: boolean
}
