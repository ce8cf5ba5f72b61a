/**
 * Taro's H5 tab bar draws its items as `<a href="javascript:;">` and navigates in the click handler.
 * The host's Content-Security-Policy (cloud/host/security-headers.ts) rightly refuses `javascript:`
 * URLs, so the browser's own follow-up of such a link is blocked and reported on every tab tap.
 * `inert-links.h5.ts` stops that follow-up; the mini-program has no links (this default does nothing).
 */
export function keepJavascriptLinksInert(): void {}
