/**
 * Issue 18 item 2: in H5 every page outside the tab bar has a way back (返回 when the app opened it
 * from another page, 首页 when it was opened from a link), drawn by src/lib/page-chrome.h5.ts.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';

jest.setTimeout(120_000);

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E('nav');
});

afterAll(() => e2e?.close());

/** A deep link as a phone opens it: a fresh page load at that route (a page stack of one). */
async function openLink(page: Page, hashPath: string): Promise<void> {
  await page.goto(`${e2e.host.url}/#${hashPath}`);
  await page.reload();
}

it.each([
  ['入会进度 / 电子会员卡', '会员', '/pages/card/index'],
  ['会籍与个人信息', '会员', '/pages/membership/index'],
  ['会员名册 (staff)', '工会干部', '/packages/staff/pages/roster/index?unionId=bu-cy01'],
])('%s opened from a link offers 首页, which leads home', async (_name, persona, route) => {
  const { context, page } = await e2e.phone(390);
  try {
    await demoLogin(page, e2e.host.url, persona);
    await openLink(page, route);
    const home = page.getByRole('navigation', { name: '页面导航' }).getByRole('button', { name: '回到首页' });
    await home.waitFor();
    await expect(page.getByRole('button', { name: '返回上一页' }).count()).resolves.toBe(0);
    // The bar does not cover the page: the page's heading starts below it.
    const [bar, title] = await Promise.all([page.locator('.back-bar').boundingBox(), page.locator('.taro_page:visible [role=heading]').first().boundingBox()]);
    expect(title!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    await page.screenshot({ path: path.join(SHOTS, `e2e-nav-home-${route.split('/')[route.split('/').length - 2]}.png`) });
    await home.tap();
    await page.waitForURL(/#\/pages\/index\/index/);
    await page.locator('.home__cards').waitFor();
    // A tab page: the tab bar is back and the way-back bar is gone.
    await expect(page.locator('.back-bar').isVisible()).resolves.toBe(false);
    await page.locator('taro-tabbar').getByText('我的').waitFor();
  } finally {
    await context.close();
  }
});

it('a page opened from 我的 offers 返回, which goes back to 我的', async () => {
  const { context, page } = await e2e.phone(390);
  try {
    await demoLogin(page, e2e.host.url, '会员');
    await page.getByRole('button', { name: /电子会员卡/ }).tap();
    await page.waitForURL(/#\/pages\/card\/index/);
    const back = page.getByRole('button', { name: '返回上一页' });
    await back.waitFor();
    await back.tap();
    await page.waitForURL(/#\/pages\/mine\/index/);
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    await expect(page.locator('.back-bar').isVisible()).resolves.toBe(false);
  } finally {
    await context.close();
  }
});

it('tab pages and the join page have no bar', async () => {
  const { context, page } = await e2e.phone(390);
  try {
    await demoLogin(page, e2e.host.url, '会员');
    await expect(page.locator('.back-bar').isVisible()).resolves.toBe(false);
    await openLink(page, '/pages/join/index');
    await page.waitForTimeout(500);
    await expect(page.locator('.back-bar').isVisible()).resolves.toBe(false);
  } finally {
    await context.close();
  }
});
