/**
 * End to end in headless Chromium (Debian `chromium` + `fonts-noto-cjk`, driven by
 * playwright-core) against the real H5 build (`dist/h5`) served by the real host on
 * a fresh embedded database: log in as demo personas and reach 我的 and 工作台.
 * Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import type { RunningHost } from '../../cloud/host/server';
import { SHOTS, startE2E, type E2E } from '../support/e2e';


jest.setTimeout(90_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('app');
  host = e2e.host;
});

afterAll(() => e2e?.close());

function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  return e2e.phone(width);
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
