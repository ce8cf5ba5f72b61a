/**
 * The join page's static first paint (config/join-first-paint.ts), by platform: only H5 has one
 * (`first-paint.h5.ts`). This default (weapp, unit tests) has nothing to remove.
 */
export function removeJoinFirstPaint(): void {}

/** Whether the static first paint's 同意并填写 was tapped: never, without one. */
export function takeFirstPaintAgreement(): boolean {
  return false
}
