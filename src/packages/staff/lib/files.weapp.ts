/** Files in the mini-program: written to the user data folder and opened (share or save from there). */
import Taro from '@tarojs/taro'
import type { FileResult } from '@cloud/contract'
import type { PickedFile } from './files'

export { pickUpload, type PickedFile } from '../../../lib/pick-file'

function userPath(name: string): string {
  // `wx.env.USER_DATA_PATH`: the app's own writable folder.
  const base = (Taro as unknown as { env?: { USER_DATA_PATH?: string } }).env?.USER_DATA_PATH ?? 'wxfile://usr'
  return `${base}/${name.replace(/[\\/:*?"<>|]/g, '_')}`
}

export async function saveFile(file: FileResult): Promise<void> {
  const filePath = userPath(file.fileName)
  const fs = Taro.getFileSystemManager()
  await new Promise<void>((resolve, reject) =>
    fs.writeFile({ filePath, data: file.base64, encoding: 'base64', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  )
  if (file.mimeType.startsWith('image/')) {
    await Taro.previewImage({ urls: [filePath] })
    return
  }
  await Taro.openDocument({ filePath, fileType: file.mimeType === 'application/pdf' ? 'pdf' : 'xlsx', showMenu: true })
}

export async function pickXlsx(): Promise<PickedFile | null> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] })
  } catch {
    return null
  }
  const file = picked.tempFiles[0]
  if (!file) return null
  const fs = Taro.getFileSystemManager()
  const base64 = await new Promise<string>((resolve, reject) =>
    fs.readFile({ filePath: file.path, encoding: 'base64', success: (r) => resolve(String(r.data)), fail: (e) => reject(new Error(e.errMsg)) }),
  )
  return { name: file.name, base64, size: file.size }
}

export async function svgPosterToPng(): Promise<FileResult | null> {
  return null
}

export const CAN_MAKE_PNG_POSTER = false

export const CAN_SAVE_SVG = false
