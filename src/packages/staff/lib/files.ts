/**
 * Saving and picking files on the staff pages. Each platform has its own file (Taro picks
 * `files.h5.ts` or `files.weapp.ts`); this one declares the shape and stands in elsewhere.
 */
import type { FileResult } from '@cloud/contract'
import type { PickedFile } from '../../../lib/pick-file'

// Picking an upload is shared with member pages (我的档案): it lives in src/lib.
export { pickUpload, type PickedFile } from '../../../lib/pick-file'

/** Saves (downloads) a file the host returned. */
export async function saveFile(_file: FileResult): Promise<void> {
  throw new Error('本平台不支持保存文件')
}

/** Lets the staffer pick an `.xlsx` file; null when cancelled. */
export async function pickXlsx(): Promise<PickedFile | null> {
  throw new Error('本平台不支持选择文件')
}

/** Draws an SVG poster into a PNG (browser only); null where that is not possible. */
export async function svgPosterToPng(_svg: FileResult): Promise<FileResult | null> {
  return null
}

/** Whether this platform can turn the SVG poster into a PNG. */
export const CAN_MAKE_PNG_POSTER = false

/**
 * Whether this platform can save an SVG file usefully. The mini-program cannot preview or open
 * SVG: there staff save the QR code PNG, and print posters from the H5 workbench.
 */
export const CAN_SAVE_SVG = false
