/** Mini-program: write the file to the user data folder and open it (WeChat offers forwarding and saving from there). */
import Taro from '@tarojs/taro'

export const CAN_PRINT = false

export async function saveBase64File(filename: string, _mimeType: string, base64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) })
  })
  const fileType = filename.split('.').pop() as 'xlsx'
  await Taro.openDocument({ filePath, fileType, showMenu: true })
}

export function printPage(): void {
  throw new Error('小程序不支持直接打印，请导出 Excel 后打印')
}
