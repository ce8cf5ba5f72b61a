/**
 * The built H5 app as the host serves it: precompressed files when the browser accepts them
 * (scripts/precompress.mjs writes them after the build), a year's cache for content-hashed
 * files, revalidation for index.html.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { scriptHash } from '../../cloud/host/security-headers';
import { signHeaders, startTestHost, type TestHost } from '../support/host';

const INLINE = 'document.documentElement.style.fontSize="20px"';

describe('static H5 files', () => {
  let t: TestHost;
  let dir: string;
  const js = `console.log(${JSON.stringify('会员'.repeat(2000))});`;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-static-'));
    fs.mkdirSync(path.join(dir, 'js'));
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>工会</title><script>${INLINE}</script><script src="/js/app.0123abcd.js"></script>${' '.repeat(2000)}`);
    fs.writeFileSync(path.join(dir, 'js/app.0123abcd.js'), js);
    execFileSync(process.execPath, [path.join(__dirname, '../../scripts/precompress.mjs'), dir]);
    t = await startTestHost({ env: { UNION_STATIC_DIR: dir } });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli or gzip when accepted, the plain file otherwise', async () => {
    const br = await fetch(`${t.url}/js/app.0123abcd.js`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    // fetch decodes it: the same script comes out.
    expect(await br.text()).toBe(js);
    const gz = await fetch(`${t.url}/js/app.0123abcd.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(js);
    const plain = await fetch(`${t.url}/js/app.0123abcd.js`, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(js));
    expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'js/app.0123abcd.js.br'))).toString()).toBe(js);
  });

  it('caches content-hashed files for a year and revalidates index.html', async () => {
    const script = await fetch(`${t.url}/js/app.0123abcd.js`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await fetch(`${t.url}/`, { headers: { 'Accept-Encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>工会</title>');
  });

  it('sends the page with a policy that runs only its own scripts (inline ones by hash) and cannot be framed', async () => {
    const page = await fetch(`${t.url}/`, { headers: { 'Accept-Encoding': 'br' } });
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src 'self' ${scriptHash(INLINE)}`);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('gives every other answer (scripts, the API, refusals) a policy that loads nothing', async () => {
    const script = await fetch(`${t.url}/js/app.0123abcd.js`);
    const api = await fetch(`${t.url}/1.1/functions/org.tree`, { method: 'POST', headers: signHeaders(), body: '{}' });
    const refused = await fetch(`${t.url}/1.1/functions/no.such`, { method: 'POST', headers: signHeaders(), body: '{}' });
    for (const res of [script, api, refused]) {
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
    expect(api.status).toBe(200);
    expect(refused.status).toBe(404);
  });
});
