/**
 * Accessibility of the H5 build (issue 18 items 9 and 10), on the demo data at 390 × 844:
 * - axe-core on every member page and the main staff pages: no serious or critical violation;
 * - members' text at least 14 px (body 16 px), every button, radio and link at least 44 × 44 px;
 * - 特大 chosen in 我的: every member page without sideways scrolling, text off the screen, text cut
 *   off or lines over one another.
 * The figures it prints are the ones in docs/quality.md (section 13).
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, layoutProblems, serious, smallTargets, smallText } from '../support/a11y';
import { demoLogin, SHOTS, startE2E, type E2E } from '../support/e2e';
import { memberPages, openPage, ownRequest, sessionOf, STAFF_PAGES, type PageVisit } from '../support/member-pages';

jest.setTimeout(600_000);

let e2e: E2E;
let requestId = '';

beforeAll(async () => {
  e2e = await startE2E('a11y');
});

afterAll(() => e2e?.close());

/** A phone logged in as `as` (a worker's phone is not logged in). */
async function phoneFor(as: PageVisit['as']): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await e2e.phone(390);
  if (as !== 'worker') {
    await demoLogin(page, e2e.host.url, as === 'member' ? '会员' : '工会干部');
    if (as === 'member' && !requestId) requestId = await ownRequest(e2e.host, await sessionOf(page));
  }
  return { page, close: () => context.close() };
}

/** Visits each page with one phone per kind of visitor and collects what `check` finds. */
async function visitAll(visits: PageVisit[], check: (page: Page, v: PageVisit) => Promise<string[]>, before?: (page: Page, as: PageVisit['as']) => Promise<void>): Promise<string[]> {
  const problems: string[] = [];
  for (const as of ['member', 'worker', 'staff'] as const) {
    const mine = visits.filter((v) => v.as === as);
    if (!mine.length) continue;
    const { page, close } = await phoneFor(as);
    try {
      await before?.(page, as);
      for (const v of mine) {
        await openPage(page, e2e.host.url, v.route);
        for (const p of await check(page, v)) problems.push(`${v.name}: ${p}`);
      }
    } finally {
      await close();
    }
  }
  return problems;
}

const members = () => memberPages(e2e.host, requestId || 'req_none');

it('axe finds no serious or critical violation on the member pages and the main staff pages', async () => {
  const counts: string[] = [];
  // The member pages need the member's own request: log in once first so the id is known.
  await (await phoneFor('member')).close();
  const problems = await visitAll([...members(), ...STAFF_PAGES], async (page, v) => {
    const all = await axeViolations(page);
    counts.push(`${v.name} ${serious(all).length}/${all.length}`);
    return serious(all).map((x) => `${x.id} (${x.impact}): ${x.help}\n    ${x.nodes.slice(0, 3).join('\n    ')}`);
  });
  process.stdout.write(`axe (serious+critical / all violations) per page: ${counts.join(', ')}\n`);
  expect(problems).toEqual([]);
});

it('members read text of at least 14 px (body 16 px) and tap targets of at least 44 × 44 px', async () => {
  const problems = await visitAll([...members(), ...STAFF_PAGES.filter((p) => ['applications', 'roster'].includes(p.name))], async (page, v) => {
    const out = (await smallTargets(page)).map((t) => `target ${t}`);
    if (v.as !== 'staff') {
      out.push(...(await smallText(page, 14)).map((t) => `text ${t}`));
      const body = await page.evaluate(() => parseFloat(getComputedStyle(Array.from(document.querySelectorAll('.taro_page .page')).filter((p) => p.getBoundingClientRect().width > 0).pop() ?? document.body).fontSize));
      if (body < 16) out.push(`body text ${body} px`);
    }
    return out;
  });
  expect(problems).toEqual([]);
});

it('at the largest text size (特大 in 我的) every member page keeps its text on screen, whole and apart', async () => {
  const problems = await visitAll(
    members(),
    async (page, v) => {
      const size = await page.evaluate(() => document.documentElement.dataset.textSize);
      const out = size === 'largest' ? [] : [`text size ${size}, not largest`];
      out.push(...(await layoutProblems(page)));
      await page.screenshot({ path: path.join(SHOTS, `e2e-largest-${v.name}.png`), fullPage: true });
      return out;
    },
    async (page, as) => {
      if (as !== 'member') {
        // A worker's phone (not logged in) has no 我的: the same stored choice the switch writes.
        await page.goto(e2e.host.url);
        await page.evaluate(() => localStorage.setItem('union.textSize', JSON.stringify({ data: 'largest' })));
        return;
      }
      await openPage(page, e2e.host.url, '/pages/mine/index');
      await page.getByRole('radiogroup', { name: '字体大小' }).getByRole('radio', { name: '特大' }).tap();
      await expect(page.evaluate(() => document.documentElement.dataset.textSize)).resolves.toBe('largest');
    },
  );
  expect(problems).toEqual([]);
});
