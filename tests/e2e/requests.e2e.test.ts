/**
 * 诉求与建议 end to end in headless Chromium against the real H5 build and the real host: a member
 * raises an anonymous request from 我的; the base union's staff find it under 职工诉求 without the
 * member's name, answer and close it; the member sees the answer and rates it; the industry admin
 * sees the counts and the overdue list. Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import type { RunningHost } from '../../cloud/host/server';
import { SHOTS, startE2E, type E2E } from '../support/e2e';

jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('requests');
  host = e2e.host;
});

afterAll(() => e2e?.close());

async function loginAs(page: Page, persona: string): Promise<void> {
  await page.goto(host.url);
  await page.waitForURL(/#\/pages\/login\/index/);
  await page.getByRole('radiogroup', { name: '演示身份' }).getByRole('radio', { name: persona, exact: true }).tap();
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.waitForURL(/#\/pages\/mine\/index/);
}

it('a member raises an anonymous request; staff answer and close it without seeing who; the member rates it; the industry union sees the counts', async () => {
  const member = await e2e.phone(390);
  const staff = await e2e.phone(390);
  const admin = await e2e.phone(390);
  try {
    // The member raises it from 我的.
    await loginAs(member.page, '会员');
    await member.page.getByRole('button', { name: '诉求与建议' }).tap();
    await member.page.waitForURL(/#\/pages\/requests\/index/);
    await member.page.getByRole('button', { name: '我要反映' }).tap();
    await member.page.waitForURL(/#\/pages\/request-new\/index/);
    await member.page.getByRole('radio', { name: '劳动报酬' }).tap();
    await member.page.getByLabel('内容').fill('后厨上个月的加班费还没有发放，请工会帮忙问一下。');
    await member.page.getByRole('radio', { name: '匿名' }).tap();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-request-form.png'), fullPage: true });
    await member.page.getByRole('button', { name: '提交' }).tap();
    await member.page.waitForURL(/#\/pages\/request\/index\?id=/);
    await member.page.getByText('待处理').first().waitFor();
    const requestId = decodeURIComponent(/id=([^&]+)/.exec(member.page.url())?.[1] ?? '');
    const row = await host.storage.db.selectFrom('requests').innerJoin('members', 'members.id', 'requests.member_id').select(['members.name', 'members.member_no']).where('requests.id', '=', requestId).executeTakeFirstOrThrow();

    // Staff of 味香园 find it under 职工诉求, with no name.
    await loginAs(staff.page, '工会干部');
    await staff.page.getByRole('button', { name: '工作台' }).tap();
    await staff.page.getByRole('button', { name: '职工诉求' }).tap();
    await staff.page.waitForURL(/#\/packages\/staff\/pages\/requests\/index/);
    const list = staff.page.getByRole('list', { name: '诉求列表' });
    const item = list.getByRole('link', { name: /劳动报酬.*待处理.*后厨上个月的加班费/ });
    await expect(item.textContent()).resolves.toContain('匿名会员');
    const listText = (await list.textContent()) ?? '';
    expect(listText).not.toContain(row.name);
    expect(listText).not.toContain(row.member_no);
    await staff.page.screenshot({ path: path.join(SHOTS, 'e2e-requests-staff.png'), fullPage: true });
    await item.tap();
    await staff.page.waitForURL(/#\/pages\/request\/index\?id=/);
    await expect(staff.page.getByLabel('提交人').textContent()).resolves.toBe('提交人：匿名会员');
    await staff.page.getByLabel('答复').fill('已向财务核实，本周五随工资补发。');
    await staff.page.getByRole('button', { name: '发送答复' }).tap();
    await staff.page.getByText('已向财务核实，本周五随工资补发。').waitFor();
    await staff.page.getByRole('button', { name: '办结' }).tap();
    await staff.page.getByText('已办结', { exact: true }).first().waitFor();
    expect((await staff.page.textContent('body')) ?? '').not.toContain(row.name);

    // The member sees the answer and rates it.
    await member.page.reload();
    await member.page.getByText('已向财务核实，本周五随工资补发。').waitFor();
    await member.page.getByText('已办结', { exact: true }).first().waitFor();
    await member.page.getByRole('button', { name: '满意', exact: true }).tap();
    await member.page.getByText('评价：满意').waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-request-member.png'), fullPage: true });

    // The industry admin sees the counts per union and the overdue items (seeded).
    await loginAs(admin.page, '行业工会管理员');
    await admin.page.getByRole('button', { name: '工作台' }).tap();
    await admin.page.getByRole('button', { name: '诉求统计' }).tap();
    await admin.page.waitForURL(/#\/packages\/staff\/pages\/request-stats\/index/);
    const table = admin.page.getByRole('table', { name: '各工会诉求数量' });
    await expect(table.getByRole('row', { name: '大众快餐连锁有限公司工会' }).getByRole('cell').nth(4).textContent()).resolves.toBe('1');
    await expect(admin.page.getByRole('list', { name: '逾期清单' }).textContent()).resolves.toContain('味香园餐饮有限公司工会 · 劳动报酬 · 匿名');
    const overflow = await admin.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await admin.page.screenshot({ path: path.join(SHOTS, 'e2e-request-stats.png'), fullPage: true });
  } finally {
    await member.context.close();
    await staff.context.close();
    await admin.context.close();
  }
});
