/**
 * The member pages of the H5 build, as a logged-in member (demo persona 会员 of bu-cy01) opens them on
 * the demo data, and the main staff pages: what the accessibility test (tests/e2e/a11y.e2e.test.ts) and
 * the screenshot script (`npm run screens`) visit.
 */
import type { Page } from 'playwright-core';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { deriveKeys } from '../../cloud/domain/crypto';
import { inviteToken } from '../../cloud/domain/invitation';
import type { RunningHost } from '../../cloud/host/server';
import { signHeaders } from './host';

export interface PageVisit {
  /** A short name for files and test titles. */
  name: string;
  /** The hash route with its query. */
  route: string;
  /** Who opens it: `member` (logged in), `worker` (logged out, from a join link), `staff`. */
  as: 'member' | 'worker' | 'staff';
}

/** The demo activity of bu-cy01 (seeded five days ahead). */
const ACTIVITY = 'act-demo-cy01-sports';

/** The member pages; `requestId` names one of the member's own requests (see `ownRequest`). */
export function memberPages(host: RunningHost, requestId: string): PageVisit[] {
  const token = inviteToken(deriveKeys(host.config.dataKey).token, 'inv_demo_cy01');
  return [
    { name: 'home', route: '/pages/index/index', as: 'member' },
    { name: 'activities', route: '/pages/activities/index', as: 'member' },
    { name: 'notices', route: '/pages/notices/index', as: 'member' },
    { name: 'mine', route: '/pages/mine/index', as: 'member' },
    { name: 'card', route: '/pages/card/index', as: 'member' },
    { name: 'activity-detail', route: `/pages/activity-detail/index?id=${ACTIVITY}`, as: 'member' },
    { name: 'activity-checkin', route: `/pages/activity-checkin/index?id=${ACTIVITY}`, as: 'member' },
    { name: 'notice', route: `/pages/notice/index?id=${DEMO_FUND_IDS.notice}`, as: 'member' },
    { name: 'membership', route: '/pages/membership/index', as: 'member' },
    { name: 'requests', route: '/pages/requests/index', as: 'member' },
    { name: 'request-new', route: '/pages/request-new/index', as: 'member' },
    { name: 'request', route: `/pages/request/index?id=${requestId}`, as: 'member' },
    { name: 'join', route: `/pages/join/index?t=${encodeURIComponent(token)}`, as: 'worker' },
    { name: 'login', route: '/pages/login/index', as: 'worker' },
  ];
}

/** The staff pages members' matters pass through (demo persona 工会干部 of bu-cy01). */
export const STAFF_PAGES: PageVisit[] = [
  { name: 'workbench', route: '/packages/staff/pages/workbench/index', as: 'staff' },
  { name: 'applications', route: '/packages/staff/pages/applications/index?unionId=bu-cy01', as: 'staff' },
  { name: 'roster', route: '/packages/staff/pages/roster/index?unionId=bu-cy01', as: 'staff' },
  { name: 'invites', route: '/packages/staff/pages/invites/index?unionId=bu-cy01', as: 'staff' },
  { name: 'staff-activities', route: '/packages/staff/pages/activities/index', as: 'staff' },
  { name: 'staff-requests', route: '/packages/staff/pages/requests/index?unionId=bu-cy01', as: 'staff' },
  { name: 'committees', route: '/packages/staff/pages/committees/index?unionId=bu-cy01', as: 'staff' },
  { name: 'fund-ledger', route: '/packages/staff/pages/fund-ledger/index?unionId=bu-cy01', as: 'staff' },
];

/** The session token the app keeps in the browser (Taro's H5 storage wraps values as `{data}`). */
export async function sessionOf(page: Page): Promise<string> {
  const raw = await page.evaluate(() => localStorage.getItem('union.sessionToken'));
  if (!raw) throw new Error('no session in the browser');
  try {
    const parsed = JSON.parse(raw) as { data?: unknown };
    return typeof parsed.data === 'string' ? parsed.data : raw;
  } catch {
    return raw;
  }
}

/** A request of the member's own (诉求), submitted through the API with the browser's session. */
export async function ownRequest(host: RunningHost, sessionToken: string): Promise<string> {
  const res = await fetch(`${host.url}/1.1/functions/request.submit`, {
    method: 'POST',
    headers: { ...signHeaders(), 'X-LC-Session': sessionToken },
    body: JSON.stringify({ category: 'rest', text: '夏天车间太热，希望调整午休时间，增加防暑降温用品。' }),
  });
  const body = (await res.json()) as { result?: { id: string }; error?: string };
  if (!res.ok || !body.result) throw new Error(`request.submit: ${res.status} ${body.error}`);
  return body.result.id;
}

/**
 * Opens a route the way a phone opens a link: a fresh load (a hash change alone is a same-document
 * navigation), then waits until the page has drawn its heading and its first data.
 */
export async function openPage(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`);
  await page.reload();
  await page.locator('.taro_page:visible [role=heading]').first().waitFor({ timeout: 20_000 }).catch(() => undefined);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(400);
}
