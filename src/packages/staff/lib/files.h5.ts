/** Files in the browser: downloads through a Blob link, picking through a hidden file input. */
import type { FileResult } from '@cloud/contract'
import { base64ToBytes, bytesToBase64 } from '../../../lib/base64'
import type { PickedFile } from './files'

export type { PickedFile }

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

/** 一人一档 documents: images or PDF; 佐证照片: images (a phone browser offers the camera too). */
export function pickUpload(kind: 'document' | 'photo'): Promise<PickedFile | null> {
  return kind === 'document'
    ? pickWithInput('image/jpeg,image/png,image/webp,application/pdf,.pdf', '选择附件文件')
    : pickWithInput('image/jpeg,image/png,image/webp', '选择佐证照片')
}

function pickWithInput(accept: string, label: string): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.setAttribute('aria-label', label)
    input.style.display = 'none'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      file
        .arrayBuffer()
        .then((buffer) => resolve({ name: file.name, base64: bytesToBase64(new Uint8Array(buffer)), size: file.size }))
        .catch(reject)
    }
    document.body.appendChild(input)
    input.click()
  })
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
