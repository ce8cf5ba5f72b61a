import { AGREED_FLAG, FIRST_PAINT_ID, joinFirstPaint } from '../../config/join-first-paint'

// The build loads the shared labels through tsx (esbuild), which cannot run under jsdom: here jest's
// own TypeScript transform loads the same file.
jest.mock('tsx/cjs/api', () => ({ require: (id: string) => jest.requireActual(id) }))
import { removeJoinFirstPaint, takeFirstPaintAgreement } from './first-paint.h5'

/** index.html as the H5 build writes it: the head's style and script, the static screen first in the body. */
function loadIndexHtml(hash: string): void {
  window.location.hash = hash
  const { head, body } = joinFirstPaint()
  document.documentElement.className = ''
  document.head.innerHTML = head
  document.body.innerHTML = `${body}<div id="app"></div>`
  // The inline script runs as the browser would run it while parsing <head>.
  new Function(document.head.querySelector('script')!.textContent!)()
}

describe('the join page\'s static first paint (H5 index.html)', () => {
  it('is shown only on a join link with an invitation code', () => {
    loadIndexHtml('#/pages/join/index?t=abc')
    expect(document.documentElement.classList.contains('jfp')).toBe(true)
    loadIndexHtml('#/pages/index/index')
    expect(document.documentElement.classList.contains('jfp')).toBe(false)
  })

  it('keeps a tap on 同意并填写 made before the app runs, for the join page to read once', () => {
    loadIndexHtml('#/pages/join/index?t=abc')
    expect(takeFirstPaintAgreement()).toBe(false)
    const button = document.querySelector<HTMLElement>('.jfp-b')!
    expect(button.textContent).toBe('同意并填写')
    button.click()
    expect(button.textContent).toBe('正在打开…')
    expect((window as unknown as Record<string, unknown>)[AGREED_FLAG]).toBe(1)
    expect(takeFirstPaintAgreement()).toBe(true)
    expect(takeFirstPaintAgreement()).toBe(false)
    removeJoinFirstPaint()
    expect(document.getElementById(FIRST_PAINT_ID)).toBeNull()
    expect(document.documentElement.classList.contains('jfp')).toBe(false)
  })
})
