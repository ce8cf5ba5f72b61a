/**
 * The WeChat build (`dist/weapp`, made by `npm test` before jest runs): every page
 * that app.json lists exists, and the main package stays under WeChat's 2 MB limit.
 */
import fs from 'node:fs';
import path from 'node:path';

const out = path.join(__dirname, '../../dist/weapp');
const appJsonPath = path.join(out, 'app.json');

/** WeChat's hard limit for the main package. */
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
}

function sizeOf(dir: string, skip: (p: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (skip(p)) continue;
    total += entry.isDirectory() ? sizeOf(p, skip) : fs.statSync(p).size;
  }
  return total;
}

describe('dist/weapp', () => {
  let app: AppJson;
  let subs: { root: string; pages: string[] }[];
  beforeAll(() => {
    if (!fs.existsSync(appJsonPath)) throw new Error('dist/weapp/app.json is missing: run `npm test` or `npm run build:weapp` first');
    app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson;
    subs = app.subPackages ?? app.subpackages ?? [];
  });

  it('lists the member pages in the main package and the staff pages in a sub-package', () => {
    expect(app.pages).toEqual(expect.arrayContaining(['pages/index/index', 'pages/activities/index', 'pages/notices/index', 'pages/mine/index', 'pages/login/index']));
    expect(subs.find((s) => s.root.replace(/\/$/, '') === 'packages/staff')?.pages).toContain('pages/workbench/index');
  });

  it('puts the join page and the card in the main package (workers arrive by QR code) and the membership staff pages in the sub-package', () => {
    expect(app.pages).toEqual(expect.arrayContaining(['pages/join/index', 'pages/card/index']));
    expect(subs.find((s) => s.root.replace(/\/$/, '') === 'packages/staff')?.pages).toEqual(
      expect.arrayContaining(['pages/applications/index', 'pages/roster/index', 'pages/invites/index', 'pages/membership-stats/index']),
    );
    // The mini-program's file picker and saver are used there, not the browser's.
    const staffCode = fs.readdirSync(path.join(out, 'packages/staff'), { recursive: true }).filter((f) => String(f).endsWith('.js')).map((f) => fs.readFileSync(path.join(out, 'packages/staff', String(f)), 'utf8')).join('\n');
    expect(staffCode).toContain('chooseMessageFile');
    expect(staffCode).not.toContain('createObjectURL');
  });

  it('has every page it lists (js, wxml, json)', () => {
    const pages = [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];
    const missing = pages.flatMap((p) => ['.js', '.json', '.wxml'].map((ext) => `${p}${ext}`)).filter((f) => !fs.existsSync(path.join(out, f)));
    expect(missing).toEqual([]);
  });

  it('has every tab-bar icon', () => {
    const icons = (app.tabBar?.list ?? []).flatMap((t) => [t.iconPath, t.selectedIconPath]).filter((x): x is string => Boolean(x));
    expect(icons.length).toBeGreaterThan(0);
    expect(icons.filter((i) => !fs.existsSync(path.join(out, i)))).toEqual([]);
  });

  it('keeps the main package under 2 MB', () => {
    const subRoots = subs.map((s) => path.join(out, s.root));
    const main = sizeOf(out, (p) => subRoots.some((r) => p.startsWith(r.replace(/\/$/, ''))) || p.endsWith('.map'));
    process.stdout.write(`weapp main package: ${(main / 1024).toFixed(0)} KiB of 2048 KiB\n`);
    expect(main).toBeLessThan(MAIN_PACKAGE_LIMIT);
  });
});
