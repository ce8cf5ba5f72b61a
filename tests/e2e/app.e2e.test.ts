/**
 * End to end in headless Chromium (Debian `chromium` + `fonts-noto-cjk`, driven by
 * playwright-core) against the real H5 build (`dist/h5`) served by the real host on
 * a fresh embedded database: log in as demo personas and reach 我的 and 工作台.
 * Screenshots go to `test-results/`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startHost, type RunningHost } from '../../cloud/host/server';

const ROOT = path.join(__dirname, '../..');
const H5 = path.join(ROOT, 'dist/h5');
const SHOTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

jest.setTimeout(90_000);

let host: RunningHost;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  if (!fs.existsSync(path.join(H5, 'index.html'))) throw new Error('dist/h5 is missing: run `npm test` (it builds first) or `npm run build:h5`');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`npm test\` as root, or apt-get install -y chromium fonts-noto-cjk`);
  fs.mkdirSync(SHOTS, { recursive: true });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-e2e-'));
  host = await startHost({ env: { PORT: '0', HOST: '127.0.0.1', UNION_DATA_DIR: dataDir, UNION_STATIC_DIR: H5 } });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  // A fresh context is a fresh phone: empty storage, so the app asks to log in.
  const context = await browser.newContext({
    viewport: { width, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: MOBILE_UA,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  return { context, page };
}

async function loginAs(page: Page, persona: string, unionRadio?: string): Promise<void> {
  await page.goto(host.url);
  await page.waitForURL(/#\/pages\/login\/index/);
  const personas = page.getByRole('radiogroup', { name: '演示身份' });
  await personas.getByRole('radio', { name: persona, exact: true }).tap();
  if (unionRadio) await page.getByRole('radiogroup', { name: '所属工会' }).getByRole('radio', { name: new RegExp(`^${unionRadio}`) }).tap();
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.waitForURL(/#\/pages\/mine\/index/);
  await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

it('opens on the login page and logs a member in to 我的, with the member number', async () => {
  const { context, page } = await phone(390);
  try {
    await loginAs(page, '会员');
    const me = await host.storage.db.selectFrom('members').select(['member_no']).where('user_id', 'is not', null).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await page.getByText(`会员编号：${me.member_no}`).waitFor();
    await expect(page.getByRole('button', { name: '工作台' }).count()).resolves.toBe(0);
    await noHorizontalScroll(page);
    // Chinese text really renders with a CJK font (not as boxes): a Chinese glyph is as wide as it is tall.
    const glyph = await page.evaluate(() => {
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = '20px sans-serif';
      return { cjk: ctx.measureText('会').width, fontsOk: document.fonts.check('20px "Noto Sans CJK SC"') };
    });
    expect(glyph.fontsOk).toBe(true);
    expect(glyph.cjk).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-mine-member.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

it.each([360, 430])('a chair reaches 工作台 from 我的 and sees the organisation, at %i px', async (width) => {
  const { context, page } = await phone(width);
  try {
    await loginAs(page, '工会主席', '老街美食城联合工会');
    await page.getByText('工会主席', { exact: true }).first().waitFor();
    await noHorizontalScroll(page);
    await page.getByRole('button', { name: '工作台' }).tap();
    await page.waitForURL(/#\/packages\/staff\/pages\/workbench\/index/);
    await page.getByRole('heading', { name: '工作台' }).waitFor();
    await page.getByText('张记面馆').first().waitFor();
    await page.getByText('直属会员单位').first().waitFor();
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, `e2e-workbench-${width}.png`), fullPage: true });
  } finally {
    await context.close();
  }
});

it('keeps the session across a reload and logs out', async () => {
  const { context, page } = await phone(375);
  try {
    await loginAs(page, '职工（未入会）');
    await page.getByText('尚未入会').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).tap();
    await page.waitForURL(/#\/pages\/login\/index/);
    await page.getByRole('radiogroup', { name: '演示身份' }).waitFor();
  } finally {
    await context.close();
  }
});

it('shows the server\'s Chinese message for a wrong staff password', async () => {
  const { context, page } = await phone(390);
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: '使用工会干部账号' }).tap();
    await page.getByLabel('用户名').fill('cy01-staff');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).tap();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('用户名或密码错误');
  } finally {
    await context.close();
  }
});
