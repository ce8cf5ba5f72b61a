/**
 * `npm run screens`: screenshots of the member pages at the normal and the largest text size (特大),
 * 390 × 844, Debian's Chromium against the H5 build (`dist/h5`, built when missing) served by the real
 * host on a fresh demo database, into docs/screens/ (`<page>-normal.png`, `<page>-largest.png`).
 * The member is the demo persona 会员 of bu-cy01; the join and login pages are shown logged out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { demoLogin, H5, MOBILE_UA, ROOT, startE2E } from '../tests/support/e2e';
import { memberPages, openPage, ownRequest, sessionOf, type PageVisit } from '../tests/support/member-pages';

const OUT = path.join(ROOT, 'docs/screens');

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(H5, 'index.html'))) {
    process.stdout.write('building dist/h5 …\n');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('H5 build failed');
  }
  fs.mkdirSync(OUT, { recursive: true });
  const e2e = await startE2E('screens');
  try {
    const phone = async () => {
      const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true, userAgent: MOBILE_UA, locale: 'zh-CN' });
      return { context, page: await context.newPage() };
    };
    let requestId = '';
    for (const size of ['normal', 'largest'] as const) {
      for (const as of ['member', 'worker'] as const) {
        const { context, page } = await phone();
        if (as === 'member') {
          await demoLogin(page, e2e.host.url, '会员');
          if (!requestId) requestId = await ownRequest(e2e.host, await sessionOf(page));
        } else {
          await page.goto(e2e.host.url);
        }
        await setSize(page, size);
        for (const v of memberPages(e2e.host, requestId).filter((p: PageVisit) => p.as === as)) {
          await openPage(page, e2e.host.url, v.route);
          // Taro scrolls each page inside its own box: let it grow so the full-page shot holds all of it.
          await page.addStyleTag({ content: 'html,body,#app,.taro_router,.taro-tabbar__container,.taro-tabbar__panel,.taro_page{height:auto!important;max-height:none!important;overflow:visible!important}' });
          const file = path.join(OUT, `${v.name}-${size}.png`);
          await page.screenshot({ path: file, fullPage: true });
          process.stdout.write(`${path.relative(ROOT, file)}\n`);
        }
        await context.close();
      }
    }
  } finally {
    await e2e.close();
  }
}

/** The stored choice the 字体大小 switch in 我的 writes (Taro's H5 storage wraps values as `{data}`). */
async function setSize(page: Page, size: 'normal' | 'largest'): Promise<void> {
  const value = size === 'largest' ? 'largest' : 'standard';
  await page.evaluate((v) => localStorage.setItem('union.textSize', JSON.stringify({ data: v })), value);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
