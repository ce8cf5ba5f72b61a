import Taro from '@tarojs/taro'
import { HOME_TAB } from './routes'
import { wayBack, type WayBack } from './way-back'

/**
 * See page-chrome.ts. One bar for the whole app, outside React: Taro's H5 router swaps pages without
 * telling the page components, and every page, staff and member, needs the same bar. It is drawn after
 * each route change (`__afterTaroRouterChange`) from the page stack (`getCurrentPages`), so a page
 * opened from a link (stack of one) offers 首页, one opened from another page 返回.
 */
export function installPageChrome(): void {
  const bar = document.createElement('nav')
  bar.className = 'back-bar'
  bar.setAttribute('aria-label', '页面导航')
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'back-bar__button'
  const title = document.createElement('span')
  title.className = 'back-bar__title'
  bar.append(button, title)
  let mode: WayBack = null

  button.addEventListener('click', () => {
    if (mode === 'back') void Taro.navigateBack()
    else if (mode === 'home') void Taro.reLaunch({ url: HOME_TAB })
  })

  const draw = () => {
    const pages = Taro.getCurrentPages()
    const current = pages[pages.length - 1] as { route?: string; path?: string } | undefined
    mode = wayBack(current?.route ?? current?.path ?? '', pages.length)
    document.body.classList.toggle('has-back-bar', mode !== null)
    button.textContent = mode === 'back' ? '‹ 返回' : '⌂ 首页'
    button.setAttribute('aria-label', mode === 'back' ? '返回上一页' : '回到首页')
    title.textContent = document.title
    // The page shown is the document's main content (screen readers jump to it; axe's landmark rules).
    // The page scrolls inside its own box: focusable, so a keyboard can scroll it too.
    for (const el of Array.from(document.querySelectorAll('.taro_page:not([role])'))) {
      el.setAttribute('role', 'main')
      el.setAttribute('tabindex', '0')
    }
    const tabBar = document.querySelector('taro-tabbar:not([role])')
    if (tabBar) {
      tabBar.setAttribute('role', 'navigation')
      tabBar.setAttribute('aria-label', '主菜单')
    }
  }

  ;(document.body ?? document.documentElement).appendChild(bar)
  Taro.eventCenter.on('__afterTaroRouterChange', () => setTimeout(draw, 0))
  Taro.eventCenter.on('__taroH5SetNavigationBarTitle', () => setTimeout(draw, 0))
  draw()
}
