/**
 * Notifications (issue 16) end to end in headless Chromium against the real H5 build and the real
 * host: a worker applies through an invitation link, the union's staff approve in 入会审核, the
 * worker's 我的 shows 1 unread message, and tapping the message opens the member card.
 * Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type Page } from 'playwright-core';
import { buildIdNumber } from '../../cloud/contract/fields/id-number';
import type { RunningHost } from '../../cloud/host/server';
import { SHOTS, demoLogin, startE2E, type E2E } from '../support/e2e';
import { signHeaders } from '../support/host';

jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('notify');
  host = e2e.host;
});

afterAll(() => e2e?.close());

/** Calls a function over HTTP as a script would (to set up the invitation without the UI). */
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

async function apply(page: Page, url: string, name: string): Promise<void> {
  const idNumber = buildIdNumber({ area: '330106', birthDate: '1991-03-14', sequence: 300 + Math.floor(Math.random() * 600) });
  await page.goto(url);
  await page.getByRole('heading', { name: '个人信息授权说明' }).waitFor();
  await page.getByRole('button', { name: '同意并填写' }).tap();
  await page.getByText('青山县味香园餐饮有限公司').waitFor();
  await page.getByLabel('姓名', { exact: true }).fill(name);
  await page.getByLabel('身份证号', { exact: true }).fill(idNumber);
  await page.getByLabel('手机号', { exact: true }).fill('139 0000 5678');
  await page.getByRole('radiogroup', { name: '学历' }).getByRole('radio', { name: '中专' }).tap();
  await page.getByRole('radiogroup', { name: '政治面貌' }).getByRole('radio', { name: '群众' }).tap();
  await page.getByRole('radiogroup', { name: '户籍类型' }).getByRole('radio', { name: '农业户口（农民工）' }).tap();
  await page.getByLabel('岗位', { exact: true }).fill('服务员');
  await page.getByRole('button', { name: '提交入会申请' }).tap();
  await page.getByRole('heading', { name: '申请已提交' }).waitFor();
}

it('staff approve an application; the worker’s 我的 shows 1 unread; the message opens the member card', async () => {
  const { sessionToken: staffToken } = await api<{ sessionToken: string }>('auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'e2e-notify' });
  const invitation = await api<{ url: string }>('org.invite', { unionId: 'bu-cy01', label: '消息端到端' }, staffToken);
  const name = '周晓燕';
  const worker = await e2e.phone(390);
  const staff = await e2e.phone(390);
  try {
    const { page } = worker;
    await apply(page, invitation.url, name);

    // Before the decision: nothing unread.
    await page.goto(`${host.url}/#/pages/mine/index`);
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    await page.getByRole('button', { name: /^我的消息/ }).waitFor();

    // The union's staff approve it in 入会审核.
    const s = staff.page;
    await demoLogin(s, host.url, '工会干部', '味香园餐饮有限公司工会');
    await s.getByRole('button', { name: '工作台' }).tap();
    await s.getByRole('button', { name: '入会审核' }).tap();
    await s.waitForURL(/#\/packages\/staff\/pages\/applications\/index/);
    await s.getByRole('listitem', { name }).waitFor();
    await s.getByRole('button', { name: `批准 ${name}`, exact: true }).tap();
    await s.getByRole('status').filter({ hasText: `已批准 ${name}` }).waitFor();

    // The worker's 我的: 1 unread.
    await page.reload();
    await page.getByRole('heading', { name: '我的', exact: true }).waitFor();
    const entry = page.getByRole('button', { name: /^我的消息\s*1 条未读/ });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('1 条未读');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-notify-mine.png'), fullPage: true });

    // 我的消息: the message, unread; tapping it opens the member card.
    await entry.tap();
    await page.waitForURL(/#\/pages\/messages\/index/);
    await page.getByRole('status').filter({ hasText: '1 条未读' }).waitFor();
    const message = page.getByRole('button', { name: '未读，入会申请已通过', exact: true });
    await message.waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-notify-messages.png'), fullPage: true });
    await message.tap();
    await page.waitForURL(/#\/pages\/card\/index/);
    await page.getByRole('heading', { name }).waitFor();
    await page.getByRole('img', { name: '会员二维码' }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'e2e-notify-card.png'), fullPage: true });

    // Opened: read, in the centre and on 我的.
    const row = await host.storage.db.selectFrom('notifications').select(['read_at', 'kind']).where('kind', '=', 'application_approved').executeTakeFirstOrThrow();
    expect(row.read_at).toBeTruthy();
    await page.goto(`${host.url}/#/pages/mine/index`);
    await page.getByRole('button', { name: /^我的消息/ }).waitFor();
  } finally {
    await worker.context.close();
    await staff.context.close();
  }
});
