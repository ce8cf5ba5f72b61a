/**
 * H5: removes the join page's static first paint (written into index.html by
 * config/join-first-paint.ts) once the page draws itself. Idempotent.
 */
const FIRST_PAINT_ID = 'join-first-paint'
/** config/join-first-paint.ts AGREED_FLAG. */
const AGREED_FLAG = '__unionJoinAgreed'

export function removeJoinFirstPaint(): void {
  document.getElementById(FIRST_PAINT_ID)?.remove()
  document.documentElement.classList.remove('jfp')
}

/**
 * Whether the worker tapped the static 同意并填写 before the app took over (the same consent text and
 * version, so the same agreement); read once.
 */
export function takeFirstPaintAgreement(): boolean {
  const w = window as unknown as Record<string, unknown>
  const agreed = w[AGREED_FLAG] === 1
  delete w[AGREED_FLAG]
  return agreed
}
