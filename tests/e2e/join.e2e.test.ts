/**
 * Joining end to end in headless Chromium against the real H5 build and the real host (fresh
 * embedded database): a new worker opens an invitation link, consents, fills the form with a
 * valid generated ID number and submits; the union's staff approve in 入会审核; the worker sees the
 * card, whose QR decodes to a valid member token. Also: the join page's JS weight, errors shown
 * before sending, the roster (reveal, export, import), invitation codes and posters.
 * Screenshots go to `test-results/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { type BrowserContext, type Page } from 'playwright-core';
import { RETENTION_YEARS } from '../../cloud/contract/membership/lifecycle.labels';
import { deriveKeys } from '../../cloud/domain/crypto';
import { buildIdNumber } from '../../cloud/contract/fields/id-number';
import { verifyMemberToken } from '../../cloud/domain/member-token';
import type { RunningHost } from '../../cloud/host/server';
import { SHOTS, startE2E, type E2E } from '../support/e2e';
import { signHeaders } from '../support/host';
import { buildRosterFile, rosterRow } from '../support/membership-factories';

// pngjs ships without types; only its sync reader is needed here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

/** The join page's budget: JS it loads in H5, gzip. */
const JOIN_JS_BUDGET = 250 * 1024;

jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('join');
  host = e2e.host;
});

afterAll(() => e2e?.close());

function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  return e2e.phone(width, { acceptDownloads: true });
}

/** Calls a function over HTTP as a script would (to set up codes without the UI). */
async function api<T>(name: string, input: unknown, sessionToken?: string): Promise<T> {
  const res = await fetch(`${host.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: { ...signHeaders(), ...(sessionToken ? { 'X-LC-Session': sessionToken } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: T; error?: string };
  if (!res.ok) throw new Error(`${name}: ${res.status} ${body.error}`);
  return body.result as T;
}

async function staffSession(unionId = 'bu-cy01', key = 'e2e'): Promise<string> {
  return (await api<{ sessionToken: string }>('auth.devLogin', { persona: 'staff', unionId, key })).sessionToken;
}

async function loginAs(page: Page, persona: string, unionRadio?: string): Promise<void> {
  await page.goto(host.url);
  await page.waitForURL(/#\/pages\/login\/index/);
  await page.getByRole('radiogroup', { name: '演示身份' }).getByRole('radio', { name: persona, exact: true }).tap();
  if (unionRadio) await page.getByRole('radiogroup', { name: '所属工会' }).getByRole('radio', { name: new RegExp(`^${unionRadio}`) }).tap();
  await page.getByRole('button', { name: '登录', exact: true }).tap();
  await page.waitForURL(/#\/pages\/mine\/index/);
  await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
}

async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Decodes the QR code shown in an element's screenshot. */
async function decodeQr(page: Page, name: string): Promise<string | undefined> {
  const png = PNG.sync.read(await page.getByRole('img', { name }).screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

let generated = 0;
function newIdNumber(): string {
  generated++;
  return buildIdNumber({ area: '330106', birthDate: `1992-0${(generated % 9) + 1}-1${generated % 9}`, sequence: 100 + generated * 7 + Math.floor(Math.random() * 50) });
}

it('a new worker joins by QR code, staff approve, and the worker sees the member card', async () => {
  const staffToken = await staffSession();
  const invitation = await api<{ url: string }>('org.invite', { unionId: 'bu-cy01', label: '端到端测试' }, staffToken);
  const idNumber = newIdNumber();
  const name = '孙丽娟';
  const worker = await phone(390);
  const staff = await phone(390);
  try {
    const { page } = worker;
    // The timed run: from opening the link to the confirmation, counting screens and taps.
    const started = Date.now();
    let taps = 0;
    let typed = 0;
    const tap = async (l: ReturnType<Page['getByRole']>) => {
      taps++;
      await l.tap();
    };
    const type = async (label: string, value: string) => {
      typed++;
      await page.getByLabel(label, { exact: true }).fill(value);
    };
    await page.goto(invitation.url);
    await page.getByRole('heading', { name: '味香园餐饮有限公司工会' }).waitFor();
    await page.getByRole('heading', { name: '个人信息授权说明' }).waitFor();
    const consentShown = Date.now();
    // The consent states the retention rule the host carries out (version v2).
    await page.getByText(`退会（或转到其他工会后原工会的记录）满 ${RETENTION_YEARS} 年后`, { exact: false }).waitFor();
    await page.getByText('join-consent-2026-11-v2', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-join-consent.png'), fullPage: true });
    await tap(page.getByRole('button', { name: '同意并填写' }));
    // The base union has one unit: it is filled in.
    await page.getByText('青山县味香园餐饮有限公司').waitFor();
    await type('姓名', name);
    await type('身份证号', idNumber.replace(/X$/, 'x'));
    await page.getByText(/性别：(男|女)　出生日期：1992-/).waitFor();
    await type('手机号', '139 0000 1234');
    await tap(page.getByRole('radiogroup', { name: '学历' }).getByRole('radio', { name: '中专' }));
    await tap(page.getByRole('radiogroup', { name: '政治面貌' }).getByRole('radio', { name: '群众' }));
    await tap(page.getByRole('radiogroup', { name: '户籍类型' }).getByRole('radio', { name: '农业户口（农民工）' }));
    await type('岗位', '面点师');
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-join-form.png'), fullPage: true });
    await tap(page.getByRole('button', { name: '提交入会申请' }));
    await page.getByRole('heading', { name: '申请已提交' }).waitFor();
    const submitted = Date.now();
    process.stdout.write(
      `join flow (timed run): 3 screens (consent → form → submitted), ${taps} taps + ${typed} fields typed; ` +
        `link → consent shown ${((consentShown - started) / 1000).toFixed(1)} s, link → submitted ${((submitted - started) / 1000).toFixed(1)} s (automated typing)\n`,
    );
    expect(taps).toBeLessThanOrEqual(5);

    // The worker's status right away.
    await page.getByRole('button', { name: '查看入会进度' }).tap();
    await page.waitForURL(/#\/pages\/card\/index/);
    await page.getByRole('heading', { name: '入会申请审核中' }).waitFor();

    // Re-opening the code shows the status, not the form.
    await page.goto(invitation.url);
    await page.getByRole('heading', { name: '入会申请审核中' }).waitFor();

    // The union's staff approve it in 入会审核 (reached from 我的 → 工作台).
    const s = staff.page;
    await loginAs(s, '工会干部', '味香园餐饮有限公司工会');
    await s.getByRole('button', { name: '工作台' }).tap();
    await s.getByRole('button', { name: '入会审核' }).tap();
    await s.waitForURL(/#\/packages\/staff\/pages\/applications\/index/);
    const item = s.getByRole('listitem', { name });
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    await expect(item.textContent()).resolves.not.toContain(idNumber);
    await noHorizontalScroll(s);
    await s.screenshot({ path: path.join(SHOTS, 'e2e-staff-review.png'), fullPage: true });
    await s.getByRole('button', { name: `批准 ${name}`, exact: true }).tap();
    const approved = s.getByRole('status').filter({ hasText: `已批准 ${name}` });
    await approved.waitFor();
    const memberNo = /会员编号 (CY01-\d{6})/.exec((await approved.textContent()) ?? '')?.[1];
    expect(memberNo).toBeDefined();

    // Back as the worker: the card, with a QR that carries a valid short-lived member token.
    // The page's clock is controlled, to see the QR renewed while the card stays open.
    await page.clock.install();
    await page.goto(`${host.url}/#/pages/card/index`);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText(`会员编号：${memberNo}`).waitFor();
    await page.getByText('味香园餐饮有限公司工会').first().waitFor();
    await page.getByRole('img', { name: '会员二维码' }).waitFor();
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-member-card.png'), fullPage: true });
    const token = await decodeQr(page, '会员二维码');
    expect(token).toBeDefined();
    const verified = verifyMemberToken(deriveKeys(host.config.dataKey).token, token!, new Date());
    const member = await host.storage.db.selectFrom('members').select(['id']).where('member_no', '=', memberNo!).executeTakeFirstOrThrow();
    expect(verified).toEqual({ ok: true, payload: expect.objectContaining({ memberId: member.id, unionId: 'bu-cy01' }) });
    // 100 s later (20 s before the 120 s token expires) the page has fetched and drawn a new one.
    // (A real second passes first: tokens issued within the same second are identical.)
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await page.clock.fastForward('01:41');
    await page.getByRole('status').filter({ hasText: /9\d 秒后自动更新|100 秒后自动更新/ }).waitFor();
    let renewed: string | undefined;
    for (let i = 0; i < 20 && (!renewed || renewed === token); i++) {
      await page.waitForTimeout(200);
      renewed = await decodeQr(page, '会员二维码');
    }
    expect(renewed).not.toBe(token);
    expect(verifyMemberToken(deriveKeys(host.config.dataKey).token, renewed!, new Date())).toMatchObject({ ok: true, payload: { memberId: member.id } });

    // 我的 shows the membership and leads to the card.
    await page.goto(`${host.url}/#/pages/mine/index`);
    await page.getByRole('button', { name: '电子会员卡' }).tap();
    await page.waitForURL(/#\/pages\/card\/index/);
    // (我的 stays in the document as a hidden tab page: look inside the card.)
    await page.locator('.member-card').getByText(`会员编号：${memberNo}`).waitFor();
  } finally {
    await worker.context.close();
    await staff.context.close();
  }
});

it(`the join page loads under ${JOIN_JS_BUDGET / 1024} KB of JavaScript (gzip), and shows problems before sending`, async () => {
  const staffToken = await staffSession('bu-cy02', 'e2e-weight');
  const invitation = await api<{ url: string }>('org.invite', { unionId: 'bu-cy02' }, staffToken);
  const { context, page } = await phone(360);
  try {
    const scripts = new Map<string, number>();
    page.on('response', async (res) => {
      if (res.request().resourceType() !== 'script') return;
      try {
        scripts.set(res.url(), zlib.gzipSync(await res.body(), { level: 9 }).length);
      } catch {
        // a script that failed to load adds nothing
      }
    });
    let applyCalls = 0;
    page.on('request', (req) => {
      if (req.url().includes('/1.1/functions/membership.apply')) applyCalls++;
    });
    await page.goto(invitation.url);
    await page.getByRole('button', { name: '同意并填写' }).tap();
    await page.getByRole('button', { name: '提交入会申请' }).waitFor();
    await page.waitForLoadState('networkidle');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`join page JS (H5, gzip): ${(total / 1024).toFixed(1)} KB in ${scripts.size} files (budget ${JOIN_JS_BUDGET / 1024} KB)\n`);
    expect(total).toBeLessThan(JOIN_JS_BUDGET);
    expect(total).toBeGreaterThan(50 * 1024);

    // A joint base union offers its three units as choices.
    const units = page.getByRole('radiogroup', { name: '工作单位' });
    await expect(units.getByRole('radio').count()).resolves.toBe(3);

    // Problems show beside each field, and nothing is sent.
    const good = newIdNumber();
    await page.getByLabel('姓名', { exact: true }).fill('王1');
    await page.getByLabel('身份证号', { exact: true }).fill(good.slice(0, 17) + (good[17] === '1' ? '2' : '1'));
    await page.getByLabel('手机号', { exact: true }).fill('12345');
    await page.getByRole('button', { name: '提交入会申请' }).tap();
    await page.getByRole('alert', { name: '工作单位：请选择工作单位' }).waitFor();
    await page.getByRole('alert', { name: '姓名：姓名只能包含汉字、字母和间隔号“·”' }).waitFor();
    await page.getByRole('alert', { name: '身份证号：身份证号校验位不正确，请核对' }).waitFor();
    await page.getByRole('alert', { name: '手机号：请输入 11 位大陆手机号' }).waitFor();
    await page.getByRole('alert', { name: '学历：请选择学历' }).waitFor();
    expect(applyCalls).toBe(0);
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-join-errors-360.png'), fullPage: true });

    // Editing a field clears its problem.
    await page.getByLabel('身份证号', { exact: true }).fill(good);
    await expect(page.getByRole('alert', { name: /^身份证号：/ }).count()).resolves.toBe(0);
  } finally {
    await context.close();
  }
});

it('the industry code sends a worker of a unit with its own union there, and says so', async () => {
  const admin = (await api<{ sessionToken: string }>('auth.devLogin', { persona: 'industryAdmin', key: 'e2e' })).sessionToken;
  const invitation = await api<{ url: string }>('org.invite', { unionId: 'ind-cy' }, admin);
  const { context, page } = await phone(430);
  try {
    await page.goto(invitation.url);
    await page.getByRole('heading', { name: '青山县餐饮行业工会联合会' }).waitFor();
    await page.getByRole('button', { name: '同意并填写' }).tap();
    await page.getByRole('button', { name: '工作单位' }).tap();
    await page.getByRole('dialog', { name: '工作单位' }).getByRole('radio', { name: /青山县大众快餐连锁有限公司/ }).tap();
    await page.getByRole('status').filter({ hasText: '你的申请将交“大众快餐连锁有限公司工会”审核' }).waitFor();
    await page.getByRole('button', { name: '民族' }).tap();
    await page.getByRole('dialog', { name: '民族' }).getByRole('radio', { name: '回族' }).tap();
    await page.getByRole('button', { name: '民族' }).filter({ hasText: '回族' }).waitFor();
    await noHorizontalScroll(page);
  } finally {
    await context.close();
  }
});

it('a revoked code says so on the join page', async () => {
  const staffToken = await staffSession('bu-cy03', 'e2e-revoke');
  const invitation = await api<{ id: string; url: string }>('org.invite', { unionId: 'bu-cy03' }, staffToken);
  await api('org.revokeInvite', { invitationId: invitation.id }, staffToken);
  const { context, page } = await phone(390);
  try {
    await page.goto(invitation.url);
    await page.getByRole('heading', { name: '无法入会' }).waitFor();
    await page.getByRole('alert').filter({ hasText: '该入会二维码已停用' }).waitFor();
  } finally {
    await context.close();
  }
});

it('staff make a code and download its poster; search the roster, reveal with a reason, export and import', async () => {
  const { context, page } = await phone(390);
  try {
    await loginAs(page, '工会主席', '老街美食城联合工会');
    await page.getByRole('button', { name: '工作台' }).tap();
    await page.getByRole('button', { name: '入会二维码' }).tap();
    await page.waitForURL(/#\/packages\/staff\/pages\/invites\/index/);
    await page.getByRole('radiogroup', { name: '适用单位' }).getByRole('radio', { name: '福满楼酒家' }).tap();
    await page.getByLabel('张贴位置', { exact: true }).fill('福满楼后厨');
    await page.getByRole('button', { name: '生成二维码' }).tap();
    const card = page.getByRole('listitem', { name: '福满楼后厨' });
    await card.getByRole('img', { name: '福满楼后厨的入会二维码' }).waitFor();
    const link = await decodeQr(page, '福满楼后厨的入会二维码');
    expect(link).toMatch(/\/#\/pages\/join\/index\?t=/);
    const [svg] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载海报 SVG' }).tap()]);
    expect(svg.suggestedFilename()).toBe('入会海报-老街美食城联合工会-福满楼酒家.svg');
    expect(fs.readFileSync((await svg.path())!, 'utf8')).toContain('适用单位：福满楼酒家');
    const [png] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: '下载海报 PNG' }).tap()]);
    const posterBytes = fs.readFileSync((await png.path())!);
    const poster = PNG.sync.read(posterBytes);
    expect([poster.width, poster.height]).toEqual([1240, 1754]);
    fs.writeFileSync(path.join(SHOTS, 'e2e-invite-poster.png'), posterBytes);
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-staff-invites.png'), fullPage: true });

    // The roster: search, reveal (audited), export.
    await page.goto(`${host.url}/#/packages/staff/pages/roster/index?unionId=bu-cy02`);
    await page.getByRole('heading', { name: '会员名册' }).waitFor();
    const first = page.getByRole('listitem').first();
    await first.waitFor();
    const memberName = (await first.getAttribute('aria-label'))!;
    await page.getByLabel('搜索会员', { exact: true }).fill(memberName);
    await page.getByRole('button', { name: '搜索', exact: true }).tap();
    await page.getByText('共 1 人').waitFor();
    await page.getByRole('button', { name: `查看完整身份证号 ${memberName}` }).tap();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查看理由', { exact: true }).fill('核对会员身份');
    await dialog.getByRole('button', { name: '查看' }).tap();
    await page.getByText('（已记录查看）').waitFor();
    await expect(page.getByRole('listitem', { name: memberName }).textContent()).resolves.toMatch(/身份证号 \d{17}[\dX]/);
    const audit = await host.storage.db.selectFrom('audit_events').select('detail').where('action', '=', 'membership.reveal').execute();
    expect(audit.map((a) => a.detail).join()).toContain('核对会员身份');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出名册 .xlsx' }).tap()]);
    expect(xlsx.suggestedFilename()).toMatch(/^会员名册-老街美食城联合工会-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    const bytes = fs.readFileSync((await xlsx.path())!);
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(6).value).toBe('身份证号');

    // Import: a report first, then only the valid rows.
    const file = path.join(e2e.dataDir, '导入名册.xlsx');
    fs.writeFileSync(file, Buffer.from(await buildRosterFile([rosterRow('张记面馆', { 姓名: '导入甲' }), rosterRow('不存在的店', { 姓名: '导入乙' })]), 'base64'));
    await page.getByLabel('搜索会员', { exact: true }).fill('');
    await page.getByRole('button', { name: '导入名册' }).tap();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择文件' }).tap()]);
    await chooser.setFiles(file);
    await page.getByText('导入名册.xlsx：共 2 行，1 行可以导入，1 个问题').waitFor();
    await page.getByText(/第 3 行 · 工作单位：不是本工会的会员单位/).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-staff-import-preview.png'), fullPage: true });
    await page.getByRole('button', { name: '确认导入 1 行' }).tap();
    await page.getByText('已导入 1 行，跳过 1 个问题行。').waitFor();
    const imported = await host.storage.db.selectFrom('members').select('name').where('name', 'in', ['导入甲', '导入乙']).execute();
    expect(imported.map((m) => m.name)).toEqual(['导入甲']);
  } finally {
    await context.close();
  }
});

it('the industry admin sees counts and the membership rate per base union and unit', async () => {
  const { context, page } = await phone(390);
  try {
    await loginAs(page, '行业工会管理员');
    await page.getByRole('button', { name: '工作台' }).tap();
    await page.getByRole('button', { name: '入会统计' }).tap();
    await page.waitForURL(/#\/packages\/staff\/pages\/membership-stats\/index/);
    const base = page.getByRole('listitem', { name: '味香园餐饮有限公司工会' });
    await base.waitFor();
    await expect(base.textContent()).resolves.toMatch(/会员 \d+ \/ 职工 86 · 入会率 [\d.]+%/);
    await page.getByRole('listitem', { name: '山城火锅店' }).waitFor();
    await noHorizontalScroll(page);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-staff-stats.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
