import { createHash } from 'node:crypto';
import { inlineScripts, pagePolicy, scriptHash } from './security-headers';

const page = `<!doctype html><head><script>var a=1;</script><style>p{}</style><script defer="defer" src="/js/app.1.js"></script>
<script>/x/.test(location.hash)&&go()</script></head>`;

describe('the page policy', () => {
  it('names each inline script by its SHA-256 and no script with a src', () => {
    expect(inlineScripts(page)).toEqual(['var a=1;', '/x/.test(location.hash)&&go()']);
    const expected = `'sha256-${createHash('sha256').update('var a=1;').digest('base64')}'`;
    expect(scriptHash('var a=1;')).toBe(expected);
    const policy = pagePolicy(page);
    expect(policy).toContain(`script-src 'self' ${expected} ${scriptHash('/x/.test(location.hash)&&go()')}`);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toContain('unsafe-eval');
  });

  it('allows data: images, this origin’s calls, and no framing', () => {
    const policy = pagePolicy(page);
    expect(policy).toContain("img-src 'self' data: blob:");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(pagePolicy(page, 'https://api.example.cn')).toContain("connect-src 'self' https://api.example.cn");
  });
});
