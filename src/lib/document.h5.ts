/** H5: download the file through a temporary link; print with the browser's print dialog. */
export const CAN_PRINT = true

export async function saveBase64File(filename: string, mimeType: string, base64: string): Promise<void> {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Give the browser time to start the download before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export function printPage(): void {
  window.print()
}
