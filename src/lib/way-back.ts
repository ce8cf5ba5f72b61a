import { JOIN_PAGE, LOGIN_PAGE, TAB_PAGES } from './routes'

/**
 * What the H5 bar above a page offers (issue 18 item 2). WeChat draws its own back and home buttons
 * in the mini-program; a browser has neither, and Taro hides the tab bar outside tab pages.
 * - `back`: the page was opened from another page of the app (the page stack is deeper than one);
 * - `home`: the page is the first one (opened from a link, a QR code or a reload): 首页 instead;
 * - `null`: a tab page (the tab bar is there), the login page, or the join page, which is the way in
 *   from an invitation and leads on by its own buttons.
 */
export type WayBack = 'back' | 'home' | null

const WITHOUT_BAR: readonly string[] = [...TAB_PAGES, LOGIN_PAGE, JOIN_PAGE]

/** `path` as Taro's router names it (`/pages/card/index`, with or without the leading slash and query). */
export function wayBack(path: string, depth: number): WayBack {
  const route = `/${path.replace(/^\/+/, '').split('?')[0]}`
  if (route === '/' || WITHOUT_BAR.includes(route)) return null
  return depth > 1 ? 'back' : 'home'
}
