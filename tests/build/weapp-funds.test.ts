/**
 * The fund pages in the WeChat build: the notice page in the main package (members open it
 * from the 经费公示 tab), the staff fund pages in the staff sub-package, and the full schema library
 * the entry form validates with kept out of the main package. (The join page, which must be in the
 * main package, validates with the small `zod/mini` build on purpose: that one is allowed.)
 */
import fs from 'node:fs';
import path from 'node:path';

const out = path.join(__dirname, '../../dist/weapp');

function filesUnder(dir: string, skip: (p: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (skip(p)) return [];
    return e.isDirectory() ? filesUnder(p, skip) : [p];
  });
}

describe('dist/weapp fund pages', () => {
  const app = () => JSON.parse(fs.readFileSync(path.join(out, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] };

  it('puts the notice page in the main package and the staff fund pages in the sub-package', () => {
    const a = app();
    expect(a.pages).toContain('pages/notice/index');
    const staff = (a.subPackages ?? a.subpackages ?? []).find((s) => s.root.replace(/\/$/, '') === 'packages/staff');
    expect(staff?.pages).toEqual(expect.arrayContaining(['pages/fund-ledger/index', 'pages/fund-entry/index', 'pages/fund-period/index', 'pages/fund-overview/index', 'pages/fund-settings/index']));
  });

  it('keeps classic zod out of the main package (zod/mini for the join page is allowed)', () => {
    const staffRoot = path.join(out, 'packages/staff');
    const main = filesUnder(out, (p) => p.startsWith(staffRoot) || p.endsWith('.map')).filter((f) => f.endsWith('.js'));
    // Classic zod registers its classes by these names; zod/mini uses `ZodMini…` and the core `$Zod…`.
    const withZod = main.filter((f) => /["'](ZodString|ZodObject|ZodError)["']/.test(fs.readFileSync(f, 'utf8')));
    expect(withZod.map((f) => path.relative(out, f))).toEqual([]);
  });
});
