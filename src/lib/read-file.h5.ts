/** Reads a file the user chose (H5: a blob: URL) as bytes. */
export async function readChosenFile(path: string): Promise<ArrayBuffer> {
  const res = await fetch(path)
  if (!res.ok) throw new Error('读取文件失败')
  return res.arrayBuffer()
}
