/**
 * Every script of the WeChat build parses as ES2018. `project.config.json` has `es6: false`, so
 * WeChat does not transform the code it runs, and iPhones before iOS 13.4 (JavaScriptCore without
 * `?.` and `??`) reject a whole file for one newer token: the app, or the join page first, would not
 * start. Dependencies that ship newer syntax go through Babel (`transpiledDependencies` in config/index.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';

const out = path.join(__dirname, '../../dist/weapp');

function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return scripts(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/** The parser's complaint for one file, with the code around it, or null when it parses. */
function es2018Problem(file: string): string | null {
  const source = fs.readFileSync(file, 'utf8');
  try {
    parse(source, { ecmaVersion: 2018, sourceType: 'script' });
    return null;
  } catch (err) {
    const pos = (err as { pos?: number }).pos ?? 0;
    return `${path.relative(out, file)}: ${(err as Error).message} near ${JSON.stringify(source.slice(Math.max(0, pos - 60), pos + 30))}`;
  }
}

describe('dist/weapp syntax', () => {
  it('parses every .js file as ES2018 (no ?. ?? or newer)', () => {
    const files = scripts(out);
    expect(files.length).toBeGreaterThan(20);
    expect(files.map(es2018Problem).filter(Boolean)).toEqual([]);
  });

  it('the check itself rejects ES2020 syntax', () => {
    expect(() => parse('a?.b ?? c', { ecmaVersion: 2018 })).toThrow();
    expect(() => parse('a && a.b', { ecmaVersion: 2018 })).not.toThrow();
  });
});
