/**
 * Saving a generated file and printing, by platform (`document.h5.ts`, `document.weapp.ts`).
 * This default (unit tests) can do neither.
 */
export const CAN_PRINT = false

export async function saveBase64File(_filename: string, _mimeType: string, _base64: string): Promise<void> {
  throw new Error('此环境不支持保存文件')
}

export function printPage(): void {
  throw new Error('此环境不支持打印')
}
