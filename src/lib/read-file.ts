import Taro from '@tarojs/taro'

/** Reads a file the user chose (WeChat: a temp file path) as bytes. H5: see read-file.h5.ts. */
export function readChosenFile(path: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: (e) => reject(new Error(e.errMsg || '读取文件失败')),
    })
  })
}
