/**
 * Funds end to end in headless Chromium against the real H5 build and the real host (fresh
 * embedded database, demo seed): the staff of 老街美食城联合工会 record an income and two
 * expenses for last quarter, the chair approves both, the staff close the quarter, the reviewer
 * signs it off, the staff publish; then a member opens 经费公示 and sees the totals and the
 * chart. Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import { periodLabel, periodOf, previousPeriod, addDays } from '../../cloud/domain/fund-period';
import { chinaDate } from '../../cloud/domain/time';
import type { RunningHost } from '../../cloud/host/server';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';

const UNION = '老街美食城联合工会';

jest.setTimeout(240_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('funds');
  host = e2e.host;
});

afterAll(() => e2e?.close());

function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  return e2e.phone(width);
}

function loginAs(page: Page, persona: string): Promise<void> {
  return demoLogin(page, host.url, persona, UNION);
}

/** From 我的: 工作台 → 经费账本 of the union. */
async function openLedger(page: Page): Promise<void> {
  await page.getByRole('button', { name: '工作台' }).tap();
  await page.waitForURL(/workbench/);
  await page.getByRole('button', { name: `经费账本 · ${UNION}` }).tap();
  await page.waitForURL(/fund-ledger/);
  await page.getByRole('heading', { name: '经费账本' }).waitFor();
}

async function openPeriod(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: new RegExp(`^${title}`) }).tap();
  await page.waitForURL(/fund-period/);
  await page.getByRole('heading', { name: `${title}结账与公示` }).waitFor();
}

async function recordEntry(page: Page, e: { date: string; direction: '收入' | '支出'; category: string; sub?: string; yuan: string; counterparty: string; purpose: string }): Promise<void> {
  await page.getByRole('button', { name: '记一笔' }).tap();
  await page.waitForURL(/fund-entry/);
  await page.getByLabel('日期').fill(e.date);
  await page.getByRole('radiogroup', { name: '收支' }).getByRole('radio', { name: e.direction }).tap();
  await page.getByRole('radiogroup', { name: '科目' }).getByRole('radio', { name: new RegExp(`^${e.category}`) }).tap();
  if (e.sub) await page.getByRole('radiogroup', { name: '明细项目' }).getByRole('radio', { name: e.sub }).tap();
  await page.getByLabel('金额（元）').fill(e.yuan);
  await page.getByLabel('对方单位').fill(e.counterparty);
  await page.getByLabel('用途').fill(e.purpose);
  await page.getByRole('button', { name: '提交' }).tap();
  await page.waitForURL(/fund-ledger/);
  await page.getByRole('listitem', { name: new RegExp(`${e.date} ${e.category}`) }).first().waitFor();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

it('staff record and publish a quarter through the chair and the reviewer; a member reads it with its chart', async () => {
  const last = previousPeriod(periodOf(chinaDate(new Date()), 'quarter'));
  const title = periodLabel(last.key);

  // Staff: one income, two expenses, dated last quarter.
  const staff = await phone(390);
  await loginAs(staff.page, '工会干部');
  await openLedger(staff.page);
  await recordEntry(staff.page, { date: addDays(last.from, 4), direction: '收入', category: '拨缴经费收入', yuan: '12000', counterparty: '福满楼酒家', purpose: '拨缴工会经费留成' });
  await recordEntry(staff.page, { date: addDays(last.from, 20), direction: '支出', category: '职工活动支出', sub: '文体活动', yuan: '3200.50', counterparty: '青山县体育中心', purpose: '职工篮球赛' });
  await recordEntry(staff.page, { date: addDays(last.from, 40), direction: '支出', category: '职工服务支出', yuan: '1500', counterparty: '青山县家电城', purpose: '职工之家微波炉' });
  await staff.page.getByText('待审批 2 笔').first().waitFor();
  await noHorizontalScroll(staff.page);
  await staff.page.screenshot({ path: path.join(SHOTS, 'e2e-fund-ledger-staff.png'), fullPage: true });

  // Chair: approves both.
  const chair = await phone(390);
  await loginAs(chair.page, '工会主席');
  await openLedger(chair.page);
  for (let i = 0; i < 2; i++) {
    await chair.page.getByRole('button', { name: '批准', exact: true }).first().tap();
    await chair.page.getByRole('button', { name: '批准', exact: true }).nth(1 - i).waitFor({ state: 'detached' });
  }
  await expect(chair.page.getByText(/待审批 \d+ 笔/).count()).resolves.toBe(0);
  await chair.context.close();

  // Staff: close the quarter.
  await staff.page.reload();
  await staff.page.getByRole('heading', { name: '经费账本' }).waitFor();
  await openPeriod(staff.page, title);
  await staff.page.getByRole('button', { name: '结账', exact: true }).tap();
  await staff.page.getByRole('listitem', { name: /^结账：.*已结账/ }).waitFor();

  // Reviewer: signs off.
  const reviewer = await phone(390);
  await loginAs(reviewer.page, '经费审查员');
  await openLedger(reviewer.page);
  await expect(reviewer.page.getByRole('button', { name: '记一笔' }).count()).resolves.toBe(0);
  await openPeriod(reviewer.page, title);
  await reviewer.page.getByLabel('审查意见').fill('经审查，本季度收支真实，票据齐全，同意公示。');
  await reviewer.page.getByRole('button', { name: '签署', exact: true }).tap();
  await reviewer.page.getByRole('listitem', { name: /^经审签署：.*已签署/ }).waitFor();
  await reviewer.context.close();

  // Staff: publish with an explanation.
  await staff.page.reload();
  await staff.page.getByRole('heading', { name: `${title}结账与公示` }).waitFor();
  await staff.page.getByLabel('情况说明').fill('本季度举办职工篮球赛，为职工之家添置微波炉。');
  await staff.page.getByRole('button', { name: '发布公示' }).tap();
  await staff.page.getByRole('listitem', { name: /^公示：第1版/ }).waitFor();
  await staff.context.close();

  // Member: 经费公示 tab → the notice → totals and chart.
  const member = await phone(360);
  try {
    await loginAs(member.page, '会员');
    await member.page.locator('.weui-tabbar__item', { hasText: '经费公示' }).tap();
    await member.page.waitForURL(/#\/pages\/notices\/index/);
    await member.page.getByRole('link', { name: new RegExp(`^${title}经费公示`) }).tap();
    await member.page.waitForURL(/#\/pages\/notice\/index/);
    await member.page.getByRole('heading', { name: `${title}经费公示` }).waitFor();
    await member.page.getByRole('status', { name: '本期收入 ¥12,000.00' }).waitFor();
    await member.page.getByRole('status', { name: '本期支出 ¥4,700.50' }).waitFor();
    await member.page.getByRole('status', { name: '期末余额 ¥7,299.50' }).waitFor();
    const chart = member.page.getByRole('figure', { name: '支出构成图' });
    await chart.waitFor();
    await expect(chart.getByText('职工活动支出').count()).resolves.toBe(1);
    const widths = await chart.locator('[data-pct]').evaluateAll((els) => els.map((e) => (e as HTMLElement).getBoundingClientRect().width));
    // The biggest category fills the track, the smaller one about half of it, the empty ones nothing.
    expect(Math.max(...widths)).toBeGreaterThan(100);
    expect(widths.filter((w) => w > 0)).toHaveLength(2);
    await member.page.getByText('经审查，本季度收支真实，票据齐全，同意公示。').waitFor();
    await noHorizontalScroll(member.page);
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-fund-notice-member-360.png'), fullPage: true });
  } finally {
    await member.context.close();
  }
  // The member's opening was counted.
  const views = await host.storage.db.selectFrom('fund_notice_views').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  expect(Number(views.n)).toBe(1);
});
