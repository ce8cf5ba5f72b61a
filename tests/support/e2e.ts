/**
 * What every end-to-end test shares: the real H5 build (`dist/h5`) served by the real host on a
 * fresh embedded database, Debian's Chromium driven by playwright-core (flags measured on these
 * machines: TOOLCHAIN.md), and phone-shaped browser contexts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../cloud/host/server';

export const ROOT = path.join(__dirname, '../..');
export const H5 = path.join(ROOT, 'dist/h5');
/** Screenshots go here. */
export const SHOTS = path.join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2E {
  host: RunningHost;
  browser: Browser;
  /** The host's temporary data folder (removed by `close`). */
  dataDir: string;
  /** A fresh phone: a new browser context (empty storage, so the app asks to log in). */
  phone(width?: number, options?: { acceptDownloads?: boolean }): Promise<{ context: BrowserContext; page: Page }>;
  /** What the page's Content-Security-Policy blocked (console reports); `close()` fails when any. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** Starts host and browser; `name` labels the temporary data folder. */
export async function startE2E(name: string): Promise<E2E> {
  if (!fs.existsSync(path.join(H5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm test` (it builds first) or `npm run build:h5`');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\` as root, or apt-get install -y chromium fonts-noto-cjk`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `union-e2e-${name}-`));
  const host = await startHost({ env: { PORT: '0', HOST: '127.0.0.1', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: H5 } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const cspViolations: string[] = [];
  return {
    host,
    browser,
    dataDir,
    cspViolations,
    async phone(width = 390, options = {}) {
      const context = await browser.newContext({
        viewport: { width, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        userAgent: MOBILE_UA,
        locale: 'zh-CN',
        acceptDownloads: options.acceptDownloads ?? false,
      });
      // The host's policy must not break the app: anything it blocks is a failure of the run.
      context.on('console', (msg) => {
        if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${msg.page()?.url() ?? ''}: ${msg.text()}`);
      });
      return { context, page: await context.newPage() };
    },
    async close() {
      await browser.close();
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`the Content-Security-Policy blocked:\n${cspViolations.join('\n')}`);
    },
  };
}

/**
 * Logs in on the demo login page as `persona` (演示身份, e.g. 工会干部), of the union whose radio
 * starts with `union` when given, and waits until 我的 has drawn itself: a test that navigates on
 * before that can race the login's own navigation to 我的 and lose its hash change.
 */
export async function demoLogin(page: Page, baseUrl: string, persona: string, union?: string): Promise<void> {
  await page.goto(baseUrl);
  await page.waitForURL(/#\/pages\/login\/index/);
  await page.getByRole('radiogroup', { name: '演示身份' }).getByRole('radio', { name: persona, exact: true }).tap();
  if (union) await page.getByRole('radiogroup', { name: '所属工会' }).getByRole('radio', { name: new RegExp(`^${union}`) }).tap();
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.waitForURL(/#\/pages\/mine\/index/);
  await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
}
