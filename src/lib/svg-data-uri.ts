/**
 * An SVG string as a `data:` URI for `<Image>`. The mini-program has no `btoa`, so the
 * base64 is done here (qrcode's SVG is plain ASCII; other text is UTF-8 encoded first).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

export function base64(text: string): string {
  const bytes = Array.from(unescape(encodeURIComponent(text)), (ch) => ch.charCodeAt(0))
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63]
    out += b === undefined ? '=' : ALPHABET[(n >> 6) & 63]
    out += c === undefined ? '=' : ALPHABET[n & 63]
  }
  return out
}

export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${base64(svg)}`
}
