/**
 * Every page of the mini-program (main package and sub-packages) opens in the headless runtime for
 * the persona that may use it, with the parameters it is opened with, without an uncaught error, and
 * shows its title and content.
 */
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { DEMO_REQUEST_IDS } from '../../cloud/seed/demo-request-ids';
import { DEMO_MEMBER_ID } from '../../cloud/seed/membership-demo';
import { buildActivityInput } from '../support/activity-factories';
import { weappBuild } from '../support/weapp/runtime';
import { startWeappWorld, type WeappWorld } from '../support/weapp/world';
import type { Persona } from '../../cloud/contract/labels';

jest.setTimeout(120_000);

let world: WeappWorld;
let activityId = '';

beforeAll(async () => {
  world = await startWeappWorld();
  const staff = await world.host.login('staff', 'bu-cy01');
  activityId = (await world.host.call('activity.create', buildActivityInput(new Date()), staff)).id;
  await world.host.call('activity.publish', { id: activityId }, staff);
});
afterAll(() => world?.close());

function previousQuarter(now = new Date()): string {
  const q = Math.floor(now.getUTCMonth() / 3);
  return q === 0 ? `${now.getUTCFullYear() - 1}Q4` : `${now.getUTCFullYear()}Q${q}`;
}

/** Who opens a page, and with what: members the member pages, staff of bu-cy01 the staff pages. */
function visit(route: string): { persona: Persona; unionId?: string; query: Record<string, string> } {
  const member = { persona: 'member' as const, unionId: 'bu-cy01' };
  const staff = { persona: 'staff' as const, unionId: 'bu-cy01' };
  const unionQ = { unionId: 'bu-cy01' };
  const byRoute: Record<string, { persona: Persona; unionId?: string; query: Record<string, string> }> = {
    'pages/login/index': { persona: 'worker', query: {} },
    'pages/join/index': { persona: 'worker', query: {} },
    'pages/activity-detail/index': { ...member, query: { id: activityId } },
    'pages/activity-checkin/index': { ...member, query: { id: activityId } },
    'pages/notice/index': { ...member, query: { id: DEMO_FUND_IDS.notice } },
    'pages/request/index': { ...staff, query: { id: DEMO_REQUEST_IDS.named } },
    'packages/staff/pages/activities/index': { ...staff, query: unionQ },
    'packages/staff/pages/activity-edit/index': { ...staff, query: unionQ },
    'packages/staff/pages/activity-manage/index': { ...staff, query: { id: activityId } },
    'packages/staff/pages/checkin-station/index': { ...staff, query: { id: activityId } },
    'packages/staff/pages/scan-members/index': { ...staff, query: { id: activityId } },
    'packages/staff/pages/activity-record/index': { ...staff, query: { id: activityId } },
    'packages/staff/pages/fund-ledger/index': { ...staff, query: unionQ },
    'packages/staff/pages/fund-entry/index': { ...staff, query: unionQ },
    'packages/staff/pages/fund-period/index': { ...staff, query: { unionId: 'bu-cy01', quarter: previousQuarter() } },
    'packages/staff/pages/fund-overview/index': { ...staff, query: unionQ },
    'packages/staff/pages/fund-settings/index': { ...staff, query: unionQ },
    'packages/staff/pages/compliance/index': { persona: 'industryAdmin', query: {} },
    'packages/staff/pages/member-file/index': { ...staff, query: { memberId: DEMO_MEMBER_ID } },
  };
  return byRoute[route] ?? (route.startsWith('packages/staff/') ? { ...staff, query: {} } : { ...member, query: {} });
}

const routes = weappBuild().pages;

it('lists every page of app.json, sub-packages included', () => {
  expect(routes.length).toBeGreaterThanOrEqual(30);
  expect(routes.filter((r) => r.startsWith('packages/staff/')).length).toBeGreaterThan(10);
});

it.each(routes)('%s opens without an error and shows its title', async (route) => {
  const { persona, unionId, query } = visit(route);
  const phone = await world.phoneAs(persona, unionId, { path: route, query });
  await phone.idle(120);
  // The page may hand over (e.g. the join page without an invitation, a worker's card): wherever it
  // lands, that page is drawn, titled and free of errors.
  if (process.env.WEAPP_SHOW) process.stdout.write(`\n== ${route} → ${phone.route} (${phone.title})\n${phone.text()}\n`);
  expect(phone.errors).toEqual([]);
  expect(phone.title).not.toBe('');
  expect(phone.text().length).toBeGreaterThan(0);
  // Opened with what it needs, a page finds its object and draws no refusal.
  expect(phone.text()).not.toMatch(/找不到|无法连接服务器|页面出错了/);
  if (phone.route === route) expect(phone.title).toBe(String(weappBuild().json(route).navigationBarTitleText ?? phone.title));
  await phone.close();
});
