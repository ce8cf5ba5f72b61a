import type { PropsWithChildren } from 'react'
import { keepJavascriptLinksInert } from './lib/inert-links'
import { installPageChrome } from './lib/page-chrome'
import { applyTextSize } from './lib/text-size'
import './app.scss'

keepJavascriptLinksInert()
installPageChrome()
applyTextSize()

/** The app shell: pages render as children. Each page checks the session itself (useSession). */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
