import { base64ToBytes, bytesToBase64 } from './base64'

describe('base64 without btoa', () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 1000])('round-trips %i bytes like Node does', (n) => {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255)
    const encoded = bytesToBase64(bytes)
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'))
    expect(Array.from(base64ToBytes(encoded))).toEqual(Array.from(bytes))
  })
})
