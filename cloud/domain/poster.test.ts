import jsQR from 'jsqr';
import { invitePng, invitePosterSvg } from './poster';

// pngjs ships without types; only its sync reader is needed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

const URL_ = 'http://localhost:3000/#/pages/join/index?t=eyJ2IjoxLCJpbnYiOiJpbnZfQUJDIn0.sig';

describe('invitation poster', () => {
  it('names the union, the unit and the expiry, escapes text, and embeds the QR code', async () => {
    const svg = await invitePosterSvg(URL_, { unionName: '老街美食城联合工会', industryName: '青山县餐饮行业工会联合会', unitName: '张记<面馆>', expiresOn: '2026-12-31', reference: 'inv_x' });
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('老街美食城联合工会');
    expect(svg).toContain('适用单位：张记&lt;面馆&gt;');
    expect(svg).toContain('有效期至 2026-12-31');
    expect(svg).toContain('扫码申请入会');
    expect(svg).toMatch(/<svg x="\d+" y="\d+" width="760" height="760" viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('<面馆>');
  });

  it('makes a PNG QR code that decodes to the link', async () => {
    const png = PNG.sync.read(await invitePng(URL_));
    expect([png.width, png.height]).toEqual([512, 512]);
    // Decode a half-size copy (every 2nd pixel): pixel loops are slow under jest.
    const w = png.width / 2;
    const small = new Uint8ClampedArray(w * w * 4);
    for (let y = 0; y < w; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 4; c++) small[(y * w + x) * 4 + c] = png.data[(y * 2 * png.width + x * 2) * 4 + c];
    expect(jsQR(small, w, w)?.data).toBe(URL_);
  }, 30_000);
});
