/** Picking an upload in the browser: a hidden file input (a phone browser offers the camera too). */
import { pickWithInput } from './file-input'
import type { PickedFile } from './pick-file'

export type { PickedFile }

/** 一人一档 documents: images or PDF; 佐证照片: images. */
export function pickUpload(kind: 'document' | 'photo'): Promise<PickedFile | null> {
  return kind === 'document'
    ? pickWithInput('image/jpeg,image/png,image/webp,application/pdf,.pdf', '选择附件文件')
    : pickWithInput('image/jpeg,image/png,image/webp', '选择佐证照片')
}
