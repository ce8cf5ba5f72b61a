/**
 * Large-text mode (大字模式, issue 18 item 9): three text sizes and the scale each applies to every
 * font size of the app (`calc(<size> * var(--fs, 1))` in the styles, app.scss). Pure rules; where the
 * size comes from is per platform (`text-size.ts` and its `.h5` / `.weapp` twins).
 */
export const TEXT_SIZES = ['standard', 'large', 'largest'] as const
export type TextSize = (typeof TEXT_SIZES)[number]

export const TEXT_SIZE_LABELS: Record<TextSize, string> = { standard: '标准', large: '大', largest: '特大' }
export const TEXT_SCALES: Record<TextSize, number> = { standard: 1, large: 1.25, largest: 1.5 }

/** What the reader chose in 我的 (H5): a size, or `auto` to follow the phone's setting. */
export type TextSizeChoice = TextSize | 'auto'
export const TEXT_SIZE_KEY = 'union.textSize'

/**
 * WeChat's 字体大小 (我 → 设置 → 通用 → 字体大小) as `fontSizeSetting`, in px: 17 at 标准 on iOS
 * (16 on Android), about 20 one step up, 23 and more at the largest steps.
 */
export function textSizeFromWechat(fontSizeSetting: unknown): TextSize {
  if (typeof fontSizeSetting !== 'number' || !Number.isFinite(fontSizeSetting)) return 'standard'
  if (fontSizeSetting <= 18) return 'standard'
  if (fontSizeSetting <= 21) return 'large'
  return 'largest'
}

/** The browser's default font size in px (16 unless the phone's or browser's text size was raised). */
export function textSizeFromBrowser(defaultFontPx: number): TextSize {
  if (!Number.isFinite(defaultFontPx) || defaultFontPx < 18) return 'standard'
  if (defaultFontPx < 22) return 'large'
  return 'largest'
}

export function readChoice(stored: unknown): TextSizeChoice {
  return stored === 'auto' || (TEXT_SIZES as readonly unknown[]).includes(stored) ? (stored as TextSizeChoice) : 'auto'
}

/** The inline style that sets the scale on a page's root view (the mini-program; H5 sets it on <html>). */
export function scaleStyle(size: TextSize): string | undefined {
  return size === 'standard' ? undefined : `--fs: ${TEXT_SCALES[size]};`
}
