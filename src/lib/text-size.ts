import type { TextSizeChoice } from './text-scale'

/**
 * Where the text size comes from, per platform (see text-scale.ts):
 * - `text-size.weapp.ts`: WeChat's font size setting, applied by each member page's root view
 *   (`<View className='page' style={pageTextStyle()}>`): a mini-program cannot style its `page` from code;
 * - `text-size.h5.ts`: the browser's default font size, or the reader's choice in 我的, set once on <html>.
 * This default (tests in jsdom, other platforms) changes nothing.
 */
export function applyTextSize(): void {}

/** The root view's style for the current text size; undefined where the size is set elsewhere. */
export function pageTextStyle(): string | undefined {
  return undefined
}

/** Whether the reader can choose the size in the app (H5) rather than in WeChat's settings. */
export const TEXT_SIZE_CHOOSABLE = false

export function textSizeChoice(): TextSizeChoice {
  return 'auto'
}

export function chooseTextSize(_choice: TextSizeChoice): void {}
