import QRCode from 'qrcode'
import { qrImageSrc, utf8Bytes } from './qr'

describe('qrImageSrc', () => {
  it('draws without TextEncoder (absent in the mini-program)', async () => {
    const saved = globalThis.TextEncoder
    // @ts-expect-error: WeChat's JS engine has none
    delete globalThis.TextEncoder
    try {
      await expect(QRCode.toString('会员码 abc', { type: 'svg' })).rejects.toThrow(/TextEncoder/)
      const src = await qrImageSrc('会员码 abc')
      expect(src).toMatch(/^data:image\/svg\+xml;base64,[A-Za-z0-9+/]+=*$/)
    } finally {
      globalThis.TextEncoder = saved
    }
  })

  it('encodes the text as UTF-8', () => {
    expect(Array.from(utf8Bytes('工会 A1'))).toEqual(Array.from(Buffer.from('工会 A1', 'utf8')))
  })
})
