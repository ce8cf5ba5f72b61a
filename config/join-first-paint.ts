/**
 * The join page's first screen as plain HTML and CSS, written into the H5 `index.html` (H5 only:
 * the mini-program has no HTML page). A worker who scans the QR code sees the consent text as soon
 * as `index.html` arrives, not after `app.js` (Taro runtime + React), the join page's chunks and the
 * first cloud call: Lighthouse's LCP element is the consent's last paragraph (docs/quality.md §10).
 *
 * - Shown only when the hash route is the join page with an invitation code (the inline script);
 *   every other route, and a join link without a code, never sees it.
 * - Drawn over the app (absolutely positioned, so the app's own layout never moves because of it)
 *   with the same sizes as `src/pages/join/index.scss` and the app's rem scale (design px / 40, the
 *   same root size script as Taro's pxtransform), so the page that replaces it lands on the same
 *   places. What it cannot know before the first cloud call, the union's name and explanation, is a
 *   placeholder of the usual height (one line of name, three lines of explanation: the height of
 *   both invitation kinds' texts at phone widths).
 * - The join page removes it (`src/lib/first-paint.h5.ts`) as soon as it shows anything but its
 *   loading line, or when it is hidden; `aria-hidden` and no real button, so assistive technology
 *   and the end-to-end tests only ever see the page itself.
 * - The consent text comes from the same constants as the page, so the two cannot drift apart.
 */
import path from 'node:path'
import { require as tsxRequire } from 'tsx/cjs/api'

// Taro compiles only config/ when it loads this file; the shared contract (TypeScript in cloud/) is
// loaded through tsx, as the bench scripts do.
type Labels = typeof import('../cloud/contract/membership/labels')
const { CONSENT_PARAGRAPHS, CONSENT_TITLE, CONSENT_VERSION } = tsxRequire(path.join(__dirname, '../cloud/contract/membership/labels.ts'), __filename) as Labels

/** The element id the join page removes. */
export const FIRST_PAINT_ID = 'join-first-paint'

/** Design px (750 wide) to the rem Taro's pxtransform writes for H5. */
const rem = (px: number) => `${+(px / 40).toFixed(4)}rem`

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

// html.jfp's min-height: the block is out of flow, so without it the page is a few px tall and
// Taro's root size script (min of the page's width and height, run again on resize) would shrink rem.
const CSS = `#${FIRST_PAINT_ID}{display:none}
html.jfp{min-height:100%}
.jfp #${FIRST_PAINT_ID}{display:block;position:absolute;z-index:1000;top:0;left:0;width:100%;min-height:100vh;box-sizing:border-box;padding:${rem(24)} ${rem(24)} ${rem(48)};background:#f5f6f8;color:#1f2329;font-size:${rem(32)};line-height:1.5}
.jfp-u{display:flex;flex-direction:column;gap:${rem(12)};padding:${rem(36)} ${rem(32)};border-radius:${rem(24)};background:linear-gradient(135deg,#c8102e,#e0505e);color:#fff;margin-bottom:${rem(24)}}
.jfp-e{font-size:${rem(28)};opacity:.9}
.jfp-n,.jfp-x{display:flex;flex-direction:column;justify-content:center}
.jfp-n{height:${rem(60)}}
.jfp-x{height:${rem(51.2 * 3)};justify-content:space-around}
.jfp-n i,.jfp-x i{display:block;height:${rem(24)};border-radius:${rem(8)};background:rgba(255,255,255,.3)}
.jfp-n i{width:60%;height:${rem(36)}}
.jfp-c{display:flex;flex-direction:column;gap:${rem(20)};padding:${rem(32)};border-radius:${rem(24)};background:#fff}
.jfp-t{font-size:${rem(36)};font-weight:600}
.jfp-s{font-size:${rem(32)};line-height:1.6}
.jfp-p{font-size:${rem(32)};line-height:1.6;color:#4e5969;padding-left:${rem(20)};border-left:${rem(6)} solid #f2c4c9}
.jfp-b{height:${rem(88)};padding:0 12px;border-radius:6px;background:linear-gradient(90deg,#c8102e 0,#e0323f 100%);color:#fff;font-size:${rem(32)};font-weight:600;line-height:${rem(88)};text-align:center}
.jfp-v{font-size:${rem(28)};text-align:center;color:#5c6270}`

/** Set on `window` when the static 同意并填写 was tapped before the app took over (read by `src/lib/first-paint.h5.ts`). */
export const AGREED_FLAG = '__unionJoinAgreed'

// Runs in <head> before the body is parsed: the class decides whether the block is shown at all.
// A tap on the static 同意并填写 (a slow phone: the app is not running yet) is kept, not lost: the
// flag tells the join page to open the form at once, and the button says it is on its way.
const SCRIPT =
  `/^#\\/pages\\/join\\/index\\?(.*&)?t=[^&]/.test(location.hash)&&(document.documentElement.classList.add('jfp'),` +
  `document.addEventListener('click',function(e){var b=e.target&&e.target.closest&&e.target.closest('.jfp-b');` +
  `if(b){window.${AGREED_FLAG}=1;b.textContent='正在打开…'}}))`

const BODY = `<div id="${FIRST_PAINT_ID}" aria-hidden="true">
<div class="jfp-u"><div class="jfp-e">你将加入</div><div class="jfp-n"><i></i></div><div class="jfp-x"><i></i><i></i><i style="width:70%"></i></div></div>
<div class="jfp-c"><div class="jfp-t">${escape(CONSENT_TITLE)}</div><div class="jfp-s">入会要登记身份证号等实名信息。请先阅读：</div>
${CONSENT_PARAGRAPHS.map((p) => `<div class="jfp-p">${escape(p)}</div>`).join('\n')}
<div class="jfp-b">同意并填写</div><div class="jfp-v">说明版本：${escape(CONSENT_VERSION)}</div></div>
</div>`

/** What `src/index.html` writes: `head` into <head> (style + script), `body` first in <body>. */
export function joinFirstPaint(): { head: string; body: string } {
  return { head: `<style>${CSS}</style><script>${SCRIPT}</script>`, body: BODY }
}
