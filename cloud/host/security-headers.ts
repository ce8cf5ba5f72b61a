/**
 * Security headers on everything the host serves.
 *
 * The H5 page (`index.html`) gets a Content-Security-Policy that lets only the app's own files run:
 * its two inline scripts (the rem sizing and the join page's first paint) by their SHA-256, the
 * bundles from this origin, `data:` images (QR codes and the card are SVG data URLs), calls to this
 * origin (the API is served by the same host). Styles allow inline: Taro and NutUI set style
 * attributes at run time, which a hash cannot name; a style cannot run code. Nothing may frame the
 * app (`frame-ancestors 'none'`, and `X-Frame-Options: DENY` for old browsers), MIME sniffing is off,
 * and the referrer stays on this site.
 *
 * Every other answer (the API's JSON, scripts, styles) gets `default-src 'none'`: none of it is a
 * page, so it may load nothing. Uploaded files are never served as files: they travel base64 inside
 * function results (`membership.myAttachment`, `request.photo` …), checked by type when stored.
 */
import { createHash } from 'node:crypto';

/** The inline `<script>` bodies of an HTML page (scripts with `src` are not inline). */
export function inlineScripts(html: string): string[] {
  const bodies: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    bodies.push(m[2]);
  }
  return bodies;
}

export function scriptHash(body: string): string {
  return `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
}

/** The policy of the H5 page, for its own inline scripts. `apiOrigin`: where the app calls (default: this origin). */
export function pagePolicy(html: string, apiOrigin?: string): string {
  const hashes = inlineScripts(html).map(scriptHash);
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src 'self'${apiOrigin ? ` ${apiOrigin}` : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For everything that is not the page: it may load nothing and be framed by nobody. */
export const NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The headers every answer carries, whatever it is. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};
