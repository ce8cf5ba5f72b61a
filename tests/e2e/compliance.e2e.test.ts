/**
 * 规范化建设 end to end in headless Chromium against the real H5 build and the real host: the
 * industry admin opens the overview from 工作台 and sees every base union with its score; opens
 * 老街美食城 (term overdue), records the re-election with the upper union's approval on the
 * 委员会 page, and sees the term item pass and the score rise. Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { addMonths } from '../../cloud/domain/organisation';
import { demoPng } from '../../cloud/seed/files-demo';
import { chinaDate } from '../../cloud/domain/time';
import type { RunningHost } from '../../cloud/host/server';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';


jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('org');
  host = e2e.host;
});

afterAll(() => e2e?.close());

function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  return e2e.phone(width);
}

function loginAs(page: Page, persona: string): Promise<void> {
  return demoLogin(page, host.url, persona);
}

async function scoreOf(page: Page): Promise<number> {
  const text = await page.getByLabel('得分').textContent();
  return Number(/(\d+)/.exec(text ?? '')?.[1]);
}

it('the industry admin sees the base unions with scores, records an overdue re-election and sees the score rise', async () => {
  const { context, page } = await phone(390);
  try {
    await loginAs(page, '行业工会管理员');
    await page.getByRole('button', { name: '工作台' }).tap();
    await page.getByRole('button', { name: '规范化建设' }).tap();
    await page.waitForURL(/#\/packages\/staff\/pages\/compliance\/index/);
    const table = page.getByRole('table', { name: '基层工会得分' });
    for (const name of ['味香园餐饮有限公司工会', '老街美食城联合工会', '大众快餐连锁有限公司工会']) {
      await expect(table.getByRole('row', { name }).getByRole('cell').nth(1).textContent()).resolves.toMatch(/^\d+$/);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-compliance-overview.png'), fullPage: true });

    // One tap to the failing union's checklist: its term is overdue.
    await table.getByRole('row', { name: '老街美食城联合工会' }).tap();
    const term = page.getByRole('listitem', { name: '按期换届' });
    await expect(term.textContent()).resolves.toMatch(/未达标.*届满.*下一步/);
    const before = await scoreOf(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-compliance-failing.png'), fullPage: true });

    // Record the re-election (late: with the upper union's approval) on the 委员会 page.
    await page.getByRole('button', { name: '委员会与换届' }).tap();
    await page.waitForURL(/#\/packages\/staff\/pages\/committees\/index/);
    const start = chinaDate(new Date());
    await page.getByLabel('工会委员会任期开始').fill(start);
    await page.getByLabel('工会委员会届满日期').fill(addMonths(start, 60));
    await page.getByLabel('工会委员会上级批复', { exact: true }).fill('青餐工〔2026〕12号 同意延期换届');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择工会委员会上级批复文件' }).tap()]);
    await chooser.setFiles({ name: '延期换届批复.png', mimeType: 'image/png', buffer: demoPng(200, 280, [250, 250, 240]) });
    await page.getByText('已选择：延期换届批复.png').waitFor();
    await page.getByRole('listitem', { name: '工会委员会' }).getByRole('button', { name: '保存任期' }).tap();
    await page.getByRole('listitem', { name: '工会委员会' }).getByText(`任期 ${start} 至`).waitFor();
    // The approval document is kept with the term and can be opened again.
    await page.getByRole('listitem', { name: '工会委员会' }).getByText(/上级批复（延期换届）.*延期换届批复\.png/).waitFor();
    await expect(page.getByRole('button', { name: '查看工会委员会上级批复文件' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-committees.png'), fullPage: true });

    await page.goto(`${host.url}/#/packages/staff/pages/compliance/index?unionId=bu-cy02`);
    await expect(page.getByRole('listitem', { name: '按期换届' }).textContent()).resolves.toMatch(/达标/);
    await expect(page.getByRole('listitem', { name: '按期换届' }).textContent()).resolves.not.toMatch(/未达标/);
    expect(await scoreOf(page)).toBeGreaterThan(before);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-compliance-after.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
