/** Mini-program: write the file to the user data folder and open it (WeChat offers forwarding and saving from there). */
import Taro from '@tarojs/taro'

export const CAN_PRINT = false

const OPENABLE = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf']

export async function saveBase64File(filename: string, _mimeType: string, base64: string): Promise<void> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${filename}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({ filePath, data: base64, encoding: 'base64', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) })
  })
  const fileType = filename.split('.').pop() ?? ''
  // openDocument previews office files and PDF only; anything else (e.g. 我的数据 .json) is forwarded to a chat.
  if (OPENABLE.includes(fileType)) await Taro.openDocument({ filePath, fileType: fileType as 'xlsx', showMenu: true })
  else await Taro.shareFileMessage({ filePath, fileName: filename })
}

export function printPage(): void {
  throw new Error('小程序不支持直接打印，请导出 Excel 后打印')
}
