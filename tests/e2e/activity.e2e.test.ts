/**
 * Activities end to end in headless Chromium against the real H5 build and the real host:
 * a member signs up; the organiser opens the check-in station; the test screenshots the
 * station's QR and decodes it from the image (so the code on screen really scans), submits
 * it as the member and sees 签到成功; a second submit sees 已签到; the station's counter
 * shows 1. Screenshots go to `test-results/`.
 */
import path from 'node:path';
import { type BrowserContext, type Page } from 'playwright-core';
import type { FunctionName, InputOf, OutputOf } from '../../cloud/contract';
import type { RunningHost } from '../../cloud/host/server';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';
import { signHeaders } from '../support/host';


jest.setTimeout(120_000);

let e2e: E2E;
let host: RunningHost;

beforeAll(async () => {
  e2e = await startE2E('act');
  host = e2e.host;
});

afterAll(() => e2e?.close());

/** A call through the protocol, as a script would make it. */
async function api<N extends FunctionName>(name: N, input: InputOf<N>, session?: string): Promise<OutputOf<N>> {
  const res = await fetch(`${host.url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: { ...signHeaders(), ...(session ? { 'X-LC-Session': session } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: OutputOf<N>; error?: string };
  if (!res.ok) throw new Error(`${name}: ${res.status} ${body.error}`);
  return body.result as OutputOf<N>;
}

function phone(width = 390): Promise<{ context: BrowserContext; page: Page }> {
  return e2e.phone(width);
}

/**
 * Opens a deep link the way a phone does: a fresh page load at that route. (A bare `goto` that only
 * changes the hash is a same-document navigation, which can race the tab switch after login.)
 */
async function openLink(page: Page, hashPath: string): Promise<void> {
  await page.goto(`${host.url}/#${hashPath}`);
  await page.reload();
}

function loginAs(page: Page, persona: string, unionRadio?: string): Promise<void> {
  return demoLogin(page, host.url, persona, unionRadio);
}

/** Decodes a QR code from a PNG screenshot with jsQR, in a blank browser page. */
async function decodeQr(context: BrowserContext, png: Buffer): Promise<string | null> {
  const page = await context.newPage();
  try {
    await page.setContent('<!doctype html><canvas id="c"></canvas>');
    await page.addScriptTag({ path: require.resolve('jsqr') });
    return await page.evaluate(async (dataUrl) => {
      const img = new Image();
      img.src = dataUrl;
      await img.decode();
      const canvas = document.getElementById('c') as HTMLCanvasElement;
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const decode = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
      return decode(data.data, data.width, data.height)?.data ?? null;
    }, `data:image/png;base64,${png.toString('base64')}`);
  } finally {
    await page.close();
  }
}

it('a member signs up, scans the station\'s QR (decoded from a screenshot) and checks in once; the counter shows 1', async () => {
  // The organiser's activity, made through the API: check-in open now, sign-up open for 4 more minutes.
  const staff = (await api('auth.devLogin', { persona: 'staff', unionId: 'bu-cy01' })).sessionToken;
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60000).toISOString();
  const { id } = await api(
    'activity.create',
    { unionId: 'bu-cy01', type: 'training', title: '消防安全培训', place: '公司三楼会议室', startAt: at(5), endAt: at(65), signUpDeadline: at(4), checkInFrom: at(-1), audience: 'union', quota: 10 },
    staff,
  );
  await api('activity.publish', { id }, staff);

  const member = await phone(390);
  const organiser = await phone(390);
  try {
    // The member finds it on the 活动 tab and signs up.
    await loginAs(member.page, '会员');
    await openLink(member.page, '/pages/activities/index');
    const list = member.page.getByRole('list', { name: '全部活动' });
    await list.getByRole('button', { name: '消防安全培训' }).waitFor();
    // The seeded industry-wide training is there too: every member of the industry may join it.
    await list.getByRole('button', { name: '食品安全与消防知识培训' }).waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-list.png'), fullPage: true });
    await list.getByRole('button', { name: '消防安全培训' }).tap();
    await member.page.waitForURL(/#\/pages\/activity-detail\/index/);
    await member.page.getByRole('heading', { name: '消防安全培训' }).waitFor();
    await member.page.getByRole('button', { name: '报名', exact: true }).tap();
    await member.page.getByText('报名成功').waitFor();
    await member.page.getByText('我的状态：已报名').waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-signed-up.png'), fullPage: true });

    // The organiser goes 我的 → 工作台 → 活动管理 → the activity → 签到台.
    await loginAs(organiser.page, '工会干部', '味香园餐饮有限公司工会');
    await organiser.page.getByRole('button', { name: '工作台' }).tap();
    await organiser.page.getByRole('button', { name: '活动管理' }).tap();
    await organiser.page.waitForURL(/#\/packages\/staff\/pages\/activities\/index/);
    await organiser.page.getByRole('list', { name: '本会活动' }).getByRole('button', { name: '消防安全培训' }).tap();
    await organiser.page.waitForURL(/#\/packages\/staff\/pages\/activity-manage\/index/);
    await organiser.page.getByRole('list', { name: '报名与签到名单' }).getByText(/已报名 · 未签到/).waitFor();
    await organiser.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-manage.png'), fullPage: true });
    await organiser.page.getByRole('button', { name: '签到台（动态二维码）' }).tap();
    await organiser.page.waitForURL(/#\/packages\/staff\/pages\/checkin-station\/index/);
    const qr = organiser.page.getByRole('img', { name: '签到二维码' });
    await qr.locator('img').waitFor();
    await organiser.page.waitForFunction(() => {
      const img = document.querySelector('.station__qr img') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth > 0);
    });
    const counter = organiser.page.getByRole('status', { name: '签到人数' });
    await expect(counter.textContent()).resolves.toContain('0/1');
    const png = await qr.screenshot({ path: path.join(SHOTS, 'e2e-activity-station-qr.png') });
    await organiser.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-station.png'), fullPage: true });

    // What the camera would read: a link to the member's check-in page carrying this activity's code.
    const scanned = await decodeQr(organiser.context, png);
    expect(scanned).toMatch(/\/#\/pages\/activity-checkin\/index\?c=A1\./);
    expect(decodeURIComponent(scanned!.split('c=')[1])).toContain(`A1.${id}.`);

    // The member checks in from the detail page with the decoded code.
    await member.page.getByRole('button', { name: '去签到' }).tap();
    await member.page.waitForURL(/#\/pages\/activity-checkin\/index/);
    // This headless phone has no camera: the reason is said in Chinese (not the browser's English)…
    await member.page.getByRole('button', { name: '扫码签到' }).tap();
    const cameraProblem = member.page.getByText('这台设备没有找到摄像头，请输入签到码');
    await cameraProblem.waitFor();
    await expect(member.page.getByText(/Requested device not found/).count()).resolves.toBe(0);
    await member.page.getByLabel('签到码').fill(scanned!);
    await member.page.getByRole('button', { name: '提交签到' }).tap();
    const ok = member.page.getByRole('status').filter({ hasText: '签到成功' });
    await ok.waitFor();
    // …and cleared once the typed code has checked the member in.
    await cameraProblem.waitFor({ state: 'detached' });
    await expect(ok.textContent()).resolves.toContain('消防安全培训');
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-checked-in.png'), fullPage: true });

    // Again: 已签到, with the first time.
    await member.page.getByLabel('签到码').fill(scanned!);
    await member.page.getByRole('button', { name: '提交签到' }).tap();
    await member.page.getByRole('status').filter({ hasText: '已签到' }).waitFor();
    await member.page.getByText(/您已于 .+ 签到，无需重复签到/).waitFor();
    await member.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-already.png'), fullPage: true });

    // The station's counter catches up within 5 seconds.
    const started = Date.now();
    await organiser.page.waitForFunction(() => document.querySelector('[aria-label="签到人数"]')?.textContent?.includes('1/1'), undefined, { timeout: 5000 });
    process.stdout.write(`station counter showed 1/1 after ${Date.now() - started} ms\n`);
    await organiser.page.screenshot({ path: path.join(SHOTS, 'e2e-activity-station-counted.png'), fullPage: true });

    const rows = await host.storage.db.selectFrom('activity_checkins').select('member_id').where('activity_id', '=', id).execute();
    expect(rows).toHaveLength(1);
  } finally {
    await member.context.close();
    await organiser.context.close();
  }
});

it('a forged code is refused as 签到码无效; the 6-digit code typed from the station checks a walk-in in', async () => {
  const staff = (await api('auth.devLogin', { persona: 'staff', unionId: 'bu-cy01' })).sessionToken;
  const now = Date.now();
  const at = (minutes: number) => new Date(now + minutes * 60000).toISOString();
  const { id } = await api(
    'activity.create',
    { unionId: 'bu-cy01', type: 'sports', title: '健步走', place: '滨江绿道', startAt: at(5), endAt: at(65), signUpDeadline: at(4), checkInFrom: at(-1), audience: 'union', allowWalkIn: true },
    staff,
  );
  await api('activity.publish', { id }, staff);
  const { context, page } = await phone(360);
  try {
    await loginAs(page, '会员');
    await openLink(page, `/pages/activity-checkin/index?id=${id}`);
    await page.getByRole('heading', { name: '活动签到' }).waitFor();
    await page.getByText('健步走').waitFor();
    // A code with its time step altered (someone trying to stretch an old photo): the MAC no longer matches.
    const shown = await api('activity.checkInCode', { id }, staff);
    await page.getByLabel('签到码').fill(shown.code.replace(/\.([0-9a-z]+)\./, (_m, step: string) => `.${(parseInt(step, 36) + 1).toString(36)}.`));
    await page.getByRole('button', { name: '提交签到' }).tap();
    await page.getByRole('alert').filter({ hasText: '签到码无效' }).waitFor();
    const fresh = await api('activity.checkInCode', { id }, staff);
    await page.getByLabel('签到码').fill(fresh.manualCode);
    await page.getByRole('button', { name: '提交签到' }).tap();
    await page.getByRole('status').filter({ hasText: '签到成功' }).waitFor();
    await page.getByText(/现场签到/).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-activity-manual-code-360.png'), fullPage: true });
  } finally {
    await context.close();
  }
});
