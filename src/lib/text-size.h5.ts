import Taro from '@tarojs/taro'
import { readChoice, TEXT_SCALES, TEXT_SIZE_KEY, textSizeFromBrowser, type TextSize, type TextSizeChoice } from './text-scale'

/**
 * See text-size.ts. The scale is one custom property on <html> (`--fs`), so every page and every
 * NutUI popup follows it. `auto` follows the browser's default font size: Taro sets the root's font size
 * itself (rem layout), so the reader's setting is read from an element sized `medium`.
 */
function browserTextSize(): TextSize {
  const probe = document.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
  ;(document.body ?? document.documentElement).appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return textSizeFromBrowser(px)
}

export function textSizeChoice(): TextSizeChoice {
  return readChoice(Taro.getStorageSync(TEXT_SIZE_KEY))
}

export function applyTextSize(): void {
  const choice = textSizeChoice()
  const size = choice === 'auto' ? browserTextSize() : choice
  document.documentElement.style.setProperty('--fs', String(TEXT_SCALES[size]))
  document.documentElement.dataset.textSize = size
}

export function pageTextStyle(): string | undefined {
  return undefined
}

export const TEXT_SIZE_CHOOSABLE = true

export function chooseTextSize(choice: TextSizeChoice): void {
  Taro.setStorageSync(TEXT_SIZE_KEY, choice)
  applyTextSize()
}
