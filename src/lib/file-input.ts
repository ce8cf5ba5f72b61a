/** Browser only (imported by `*.h5.ts` files): picking one file through a hidden file input. */
import { bytesToBase64 } from './base64'
import type { PickedFile } from './pick-file'

/** Opens the browser's file chooser for `accept`; null when nothing was chosen. */
export function pickWithInput(accept: string, label: string): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = accept
    input.setAttribute('aria-label', label)
    input.style.display = 'none'
    input.onchange = () => {
      const file = input.files?.[0]
      input.remove()
      if (!file) return resolve(null)
      file
        .arrayBuffer()
        .then((buffer) => resolve({ name: file.name, base64: bytesToBase64(new Uint8Array(buffer)), size: file.size }))
        .catch(reject)
    }
    document.body.appendChild(input)
    input.click()
  })
}
