/**
 * H5: removes the join page's static first paint (written into index.html by
 * config/join-first-paint.ts) once the page draws itself. Idempotent.
 */
const FIRST_PAINT_ID = 'join-first-paint'

export function removeJoinFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove()
  document.documentElement.classList.remove('jfp')
}
