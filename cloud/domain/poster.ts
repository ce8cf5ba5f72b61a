/**
 * The printable invitation poster (入会二维码海报): an A4 portrait SVG (1240 × 1754, 150 dpi)
 * with the union's name, the employer when the code names one, the QR code, and three short
 * steps. SVG prints sharp at any size and needs no fonts on the server; the staff page turns it
 * into a PNG in the browser when a PNG is wanted. `invitePng` is the bare QR code as PNG.
 *
 * The code on the poster is one of two (`PosterCode`): the mini-program code (小程序码, from
 * wxacode.getUnlimited) when the host has WeChat credentials — it opens the mini-program's join
 * page straight from WeChat's 扫一扫, but no phone camera reads it — or else the QR of the H5 link,
 * which WeChat and any camera open. The poster says which, under the code and in the first step.
 */
import { loadQRCode } from './lazy-modules';
import { POSTER_CODE_TEXT } from '../contract/org/labels';

export interface PosterText {
  unionName: string;
  /** The industry union above (行业工会), shown small; null for the industry union's own code. */
  industryName: string | null;
  unitName: string | null;
  /** `YYYY-MM-DD` in China time, or null when the code does not expire. */
  expiresOn: string | null;
  /** A short reference staff can quote (the invitation id). */
  reference: string;
}

const W = 1240;
const H = 1754;
const QR_SIZE = 760;
const FONT = "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei','Source Han Sans SC',sans-serif";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Splits a long name into lines of at most `max` characters. */
function lines(text: string, max: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
  return out.slice(0, 3);
}

/** The code printed on the poster: the H5 link as a QR code, or a mini-program code image from WeChat. */
export type PosterCode = { kind: 'link'; url: string } | { kind: 'miniProgram'; image: Buffer; mimeType: 'image/png' | 'image/jpeg' };

export async function invitePosterSvg(code: string | PosterCode, t: PosterText): Promise<string> {
  const c: PosterCode = typeof code === 'string' ? { kind: 'link', url: code } : code;
  const qrX = (W - QR_SIZE) / 2;
  const qrY = 560;
  const qrSvg =
    c.kind === 'link'
      ? (await (await loadQRCode()).toString(c.url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })).replace(
          /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
          `<svg x="${qrX}" y="${qrY}" width="${QR_SIZE}" height="${QR_SIZE}"`,
        )
      : `<image x="${qrX + 40}" y="${qrY + 40}" width="${QR_SIZE - 80}" height="${QR_SIZE - 80}" href="data:${c.mimeType};base64,${c.image.toString('base64')}"/>`;
  const text = POSTER_CODE_TEXT[c.kind];
  const title = lines(t.unionName, 16);
  const titleY = 190;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${esc(FONT)}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<rect width="${W}" height="440" fill="#c8102e"/>`,
    t.industryName ? `<text x="${W / 2}" y="110" font-size="40" fill="#ffe3e6" text-anchor="middle">${esc(t.industryName)}</text>` : '',
    ...title.map((line, i) => `<text x="${W / 2}" y="${titleY + i * 78}" font-size="68" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(line)}</text>`),
    `<text x="${W / 2}" y="${titleY + title.length * 78 + 40}" font-size="52" fill="#ffffff" text-anchor="middle">扫码申请入会</text>`,
    t.unitName ? `<text x="${W / 2}" y="520" font-size="40" fill="#1f2329" text-anchor="middle">适用单位：${esc(t.unitName)}</text>` : '',
    `<rect x="${qrX - 20}" y="${qrY - 20}" width="${QR_SIZE + 40}" height="${QR_SIZE + 40}" rx="24" fill="none" stroke="#c8102e" stroke-width="6"/>`,
    qrSvg,
    `<text x="${W / 2}" y="${qrY + QR_SIZE + 66}" font-size="40" font-weight="700" fill="#c8102e" text-anchor="middle">${esc(text.caption)}</text>`,
    ...[
      text.step,
      '② 阅读个人信息说明，填写实名信息并提交',
      '③ 工会审核通过后，在“我的”查看电子会员卡',
    ].map((s, i) => `<text x="170" y="${1466 + i * 70}" font-size="42" fill="#1f2329">${esc(s)}</text>`),
    `<text x="${W / 2}" y="1680" font-size="30" fill="#8a8f99" text-anchor="middle">${esc(
      `${t.expiresOn ? `有效期至 ${t.expiresOn}` : '长期有效'} · 编号 ${t.reference}`,
    )}</text>`,
    `</svg>`,
  ];
  return parts.filter(Boolean).join('\n');
}

/** The bare QR code as a PNG (512 px, quiet zone included), for chats and screens; print the SVG poster. */
export async function invitePng(url: string): Promise<Buffer> {
  return (await loadQRCode()).toBuffer(url, { type: 'png', width: 512, margin: 4, errorCorrectionLevel: 'M' });
}
