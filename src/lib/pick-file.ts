/**
 * Picking a file to upload (一人一档 documents, 佐证照片), for member and staff pages alike. Each
 * platform has its own file (Taro picks `pick-file.h5.ts` or `pick-file.weapp.ts`); this one
 * declares the shape and stands in elsewhere (unit tests).
 */

/** A picked file, base64. */
export interface PickedFile {
  name: string
  base64: string
  size: number
}

/**
 * Lets the user pick an upload: `document` (一人一档: an image or a PDF, from chat files or the
 * album) or `photo` (佐证照片: the camera or the album). Null when cancelled.
 */
export async function pickUpload(_kind: 'document' | 'photo'): Promise<PickedFile | null> {
  throw new Error('本平台不支持选择文件')
}
