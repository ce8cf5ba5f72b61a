/**
 * Every `.wxml` file of the WeChat build parses (with @leejim/wxml-parser, a WXML parser from npm) and
 * closes each tag it opens: a template Taro or our build settings broke would show a blank page on a
 * phone, and the headless runtime (which reads the page data, not the templates) would not see it.
 */
import fs from 'node:fs';
import path from 'node:path';
import WXMLParser from '@leejim/wxml-parser';

const out = path.join(__dirname, '../../dist/weapp');

function wxmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return wxmlFiles(p);
    return e.name.endsWith('.wxml') ? [p] : [];
  });
}

/** Parses and checks that tags nest; throws with what is wrong. */
function checkWxml(source: string): void {
  const open: string[] = [];
  const parser = new WXMLParser({
    onopentag(tag: string, _attrs: unknown, selfClosing: boolean) {
      if (!selfClosing) open.push(tag);
    },
    onclosetag(tag: string) {
      const top = open.pop();
      if (top !== tag) throw new Error(`</${tag}> closes <${top ?? 'nothing'}>`);
    },
  });
  parser.write(source);
  if (open.length) throw new Error(`not closed: <${open.join('>, <')}>`);
}

function problem(file: string): string | null {
  try {
    checkWxml(fs.readFileSync(file, 'utf8'));
    return null;
  } catch (err) {
    return `${path.relative(out, file)}: ${(err as Error).message.split('\n')[0]}`;
  }
}

describe('dist/weapp templates', () => {
  it('parse, every tag closed (base.wxml, comp.wxml and every page)', () => {
    const files = wxmlFiles(out);
    expect(files.length).toBeGreaterThan(30);
    expect(files.map(problem).filter(Boolean)).toEqual([]);
  });

  it('the check itself rejects broken WXML', () => {
    expect(() => checkWxml('<view><text>a</view>')).toThrow('</view> closes <text>');
    expect(() => checkWxml('<view><text>a</text>')).toThrow();
    expect(() => checkWxml('<view class="{{a}}"><text>{{b}}</text></view>')).not.toThrow();
  });
});
