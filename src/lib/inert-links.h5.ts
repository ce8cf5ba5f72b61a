/**
 * See inert-links.ts: a tap on a `javascript:` link does what its click handler does (Taro's tab bar
 * switches tab) and nothing else: the browser does not try to run the URL, which the page's
 * Content-Security-Policy would block (and report).
 */
export function keepJavascriptLinksInert(): void {
  document.addEventListener(
    'click',
    (event) => {
      const target = event.target as Element | null
      const link = target?.closest?.('a[href^="javascript:"]')
      if (link) event.preventDefault()
    },
    true,
  )
}
