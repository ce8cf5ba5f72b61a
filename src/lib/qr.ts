import QRCode from 'qrcode'
import { bytesToBase64 } from './base64'

/** UTF-8 bytes of a string without `TextEncoder`, which WeChat's JS engine lacks. */
export function utf8Bytes(text: string): Uint8Array {
  const binary = unescape(encodeURIComponent(text))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/**
 * A QR code as an image source (SVG data URL): works in H5 and in the mini-program's <Image>.
 * The text goes in as one byte segment we encode ourselves: given a string, `qrcode` encodes it
 * with `TextEncoder`, which the mini-program does not have (the member card's QR never drew there).
 */
export async function qrImageSrc(text: string, margin = 1): Promise<string> {
  const segments = [{ data: utf8Bytes(text), mode: 'byte' as const }]
  const svg = await QRCode.toString(segments, { type: 'svg', margin, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
  return `data:image/svg+xml;base64,${bytesToBase64(utf8Bytes(svg))}`
}
