/**
 * 会籍转接 end to end in headless Chromium against the real H5 build and the real host: a member
 * of 老街美食城 opens 我的 → 会籍与个人信息, downloads their data (JSON), asks to transfer to
 * 味香园; the receiving union's staff open 工作台 → 转会与信息请求 and accept; the member sees
 * the new member number. Screenshots go to `test-results/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningHost } from '../../cloud/host/server';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';

jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('lifecycle');
  host = e2e.host;
});

afterAll(() => e2e?.close());

function loginAs(page: Page, persona: string, union: string): Promise<void> {
  return demoLogin(page, host.url, persona, union);
}

it('a member asks to transfer, the receiving union accepts, the member sees the new member number', async () => {
  const reason = '调到味香园后厨工作';
  const member = await e2e.phone(390, { acceptDownloads: true });
  const staff = await e2e.phone(390);
  try {
    await loginAs(member.page, '会员', '老街美食城联合工会');
    await member.page.getByRole('button', { name: '会籍与个人信息' }).tap();
    await member.page.waitForURL(/#\/pages\/membership\/index/);
    await member.page.getByText(/老街美食城联合工会 · 会员编号 CY02-/).waitFor();

    // 下载我的数据: a JSON file with the member's own record.
    const [download] = await Promise.all([member.page.waitForEvent('download'), member.page.getByRole('button', { name: '下载我的数据' }).tap()]);
    expect(download.suggestedFilename()).toMatch(/^我的数据-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const data = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(data.memberships[0]).toMatchObject({ union: '老街美食城联合工会', status: 'active' });
    expect(data.memberships[0].idNumber).toMatch(/^\d{17}[\dX]$/);

    await member.page.getByRole('button', { name: '转会', exact: true }).tap();
    await member.page.getByRole('radiogroup', { name: '转入工会' }).getByRole('radio', { name: '味香园餐饮有限公司工会' }).tap();
    await member.page.getByLabel('转会原因').fill(reason);
    await member.page.getByRole('button', { name: '提交转会申请' }).tap();
    await member.page.getByText('已提交转会申请，等待“味香园餐饮有限公司工会”确认').waitFor();
    await member.page.getByText(/转往“味香园餐饮有限公司工会”（青山县味香园餐饮有限公司）：待接收/).waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-lifecycle-member-pending.png'), fullPage: true });

    await loginAs(staff.page, '工会干部', '味香园餐饮有限公司工会');
    await staff.page.getByRole('button', { name: '工作台' }).tap();
    await staff.page.getByRole('button', { name: '转会与信息请求' }).tap();
    await staff.page.waitForURL(/#\/packages\/staff\/pages\/lifecycle\/index/);
    const item = staff.page.getByRole('list', { name: '转入待确认' }).getByRole('listitem').filter({ hasText: reason });
    await expect(item.textContent()).resolves.toMatch(/来自“老街美食城联合工会”（原会员编号 CY02-\d{6}）/);
    const overflow = await staff.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await staff.page.screenshot({ path: path.join(SHOTS, 'e2e-lifecycle-staff-incoming.png'), fullPage: true });
    await item.getByRole('button', { name: /^接收/ }).tap();
    const done = staff.page.getByRole('status').filter({ hasText: /已接收 .+，会员编号 CY01-\d{6}/ });
    await done.waitFor();
    const memberNo = /CY01-\d{6}/.exec((await done.textContent()) ?? '')![0];

    await member.page.reload();
    await member.page.getByText(`味香园餐饮有限公司工会 · 会员编号 ${memberNo} · 在册`).waitFor();
    await member.page.getByText(new RegExp(`已转入，新会员编号 ${memberNo}`)).waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-lifecycle-member-moved.png'), fullPage: true });
  } finally {
    await member.context.close();
    await staff.context.close();
  }
});
