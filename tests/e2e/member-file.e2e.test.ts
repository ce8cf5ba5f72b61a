/**
 * 一人一档 and photo evidence end to end in headless Chromium against the real H5 build and the real
 * host: a base union's staffer opens a member's file from the roster, sees the seeded attachments,
 * uploads a certificate photo (through the file picker) and views it; then confirms 工作制度已上墙 on
 * the compliance page with a photo and sees the item pass. Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { demoPng } from '../../cloud/seed/files-demo';
import type { RunningHost } from '../../cloud/host/server';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';

jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('files');
  host = e2e.host;
});

afterAll(() => e2e?.close());

it('staff open a member file from the roster, upload a certificate and confirm a compliance item with a photo', async () => {
  const { context, page } = await e2e.phone(390);
  try {
    await demoLogin(page, host.url, '工会干部', '味香园');

    await page.goto(`${host.url}/#/packages/staff/pages/roster/index?unionId=bu-cy01`);
    await page.getByRole('button', { name: /^一人一档 / }).first().tap();
    await page.waitForURL(/member-file/);
    const list = page.getByRole('list', { name: '附件' });
    await list.getByRole('listitem', { name: '毕业证书.png' }).waitFor();
    await expect(list.getByRole('listitem').count()).resolves.toBe(2);
    // Imported from the paper roster (no online application), but with attachments on file: the file counts as complete (member_files).
    await expect(page.getByLabel('入会申请').textContent()).resolves.toMatch(/无在线入会申请/);
    await expect(page.getByLabel('入会申请').textContent()).resolves.not.toMatch(/缺少入会申请/);

    await page.getByRole('radiogroup', { name: '材料类型' }).getByRole('radio', { name: '荣誉证书' }).tap();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择文件并上传' }).tap()]);
    await chooser.setFiles({ name: '优秀员工.png', mimeType: 'image/png', buffer: demoPng(200, 120, [250, 200, 80]) });
    await page.getByRole('status').getByText('已上传 优秀员工.png（荣誉证书）').waitFor();
    await list.getByRole('listitem', { name: '优秀员工.png' }).getByRole('button', { name: '查看 优秀员工.png' }).tap();
    await page.getByLabel('优秀员工.png预览').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-member-file.png'), fullPage: true });

    await page.goto(`${host.url}/#/packages/staff/pages/compliance/index?unionId=bu-cy01`);
    const rules = page.getByRole('listitem', { name: '工作制度已上墙' });
    await expect(rules.textContent()).resolves.toMatch(/未达标/);
    await rules.getByLabel('工作制度已上墙说明').fill('会议室东墙');
    const [photo] = await Promise.all([page.waitForEvent('filechooser'), rules.getByRole('button', { name: '拍照确认' }).tap()]);
    await photo.setFiles({ name: '制度.png', mimeType: 'image/png', buffer: demoPng(160, 120, [90, 160, 220]) });
    const passed = page.getByRole('listitem', { name: '工作制度已上墙' });
    await passed.getByRole('button', { name: '查看照片' }).tap();
    await page.getByLabel('工作制度已上墙佐证照片').waitFor();
    await expect(passed.textContent()).resolves.toMatch(/达标.*会议室东墙.*有照片佐证/);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-compliance-photo.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
