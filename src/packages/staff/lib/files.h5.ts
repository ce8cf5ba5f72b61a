/** Files in the browser: downloads through a Blob link, picking through a hidden file input. */
import type { FileResult } from '@cloud/contract'
import { base64ToBytes } from '../../../lib/base64'
import { pickWithInput } from '../../../lib/file-input'
import type { PickedFile } from './files'

export { pickUpload, type PickedFile } from '../../../lib/pick-file'

export async function saveFile(file: FileResult): Promise<void> {
  const bytes = base64ToBytes(file.base64)
  const blob = new Blob([bytes.slice().buffer as ArrayBuffer], { type: file.mimeType })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function pickXlsx(): Promise<PickedFile | null> {
  return pickWithInput('.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '选择名册文件')
}

export async function svgPosterToPng(svg: FileResult): Promise<FileResult | null> {
  const image = new Image()
  image.src = `data:image/svg+xml;base64,${svg.base64}`
  await image.decode()
  const canvas = document.createElement('canvas')
  canvas.width = image.naturalWidth || 1240
  canvas.height = image.naturalHeight || 1754
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
  const dataUrl = canvas.toDataURL('image/png')
  return { fileName: svg.fileName.replace(/\.svg$/, '.png'), mimeType: 'image/png', base64: dataUrl.slice(dataUrl.indexOf(',') + 1) }
}

export const CAN_MAKE_PNG_POSTER = true

export const CAN_SAVE_SVG = true
