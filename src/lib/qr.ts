import QRCode from 'qrcode'
import { bytesToBase64 } from './base64'

/** A QR code as an image source (SVG data URL): works in H5 and in the mini-program's <Image>. */
export async function qrImageSrc(text: string, margin = 1): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
  // The SVG is ASCII: one byte per character.
  const bytes = new Uint8Array(svg.length)
  for (let i = 0; i < svg.length; i++) bytes[i] = svg.charCodeAt(i) & 255
  return `data:image/svg+xml;base64,${bytesToBase64(bytes)}`
}
