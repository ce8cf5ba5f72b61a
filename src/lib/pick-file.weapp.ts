/** Picking an upload in the mini-program: a chat file or the album (documents), the camera or the album (photos). */
import Taro from '@tarojs/taro'
import type { PickedFile } from './pick-file'

export type { PickedFile }

function readBase64(filePath: string): Promise<string> {
  const fs = Taro.getFileSystemManager()
  return new Promise<string>((resolve, reject) =>
    fs.readFile({ filePath, encoding: 'base64', success: (r) => resolve(String(r.data)), fail: (e) => reject(new Error(e.errMsg)) }),
  )
}

/** 一人一档: a PDF or image from a chat (chooseMessageFile); 佐证照片: camera or album (chooseImage). */
export async function pickUpload(kind: 'document' | 'photo'): Promise<PickedFile | null> {
  try {
    if (kind === 'photo') {
      const r = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      const f = r.tempFiles[0]
      if (!f) return null
      return { name: f.path.split('/').pop() ?? '照片.jpg', base64: await readBase64(f.path), size: f.size }
    }
    const r = await Taro.chooseMessageFile({ count: 1, type: 'all', extension: ['jpg', 'jpeg', 'png', 'webp', 'pdf'] })
    const f = r.tempFiles[0]
    if (!f) return null
    return { name: f.name, base64: await readBase64(f.path), size: f.size }
  } catch {
    // The picker was closed.
    return null
  }
}
