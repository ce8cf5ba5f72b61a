import Taro from '@tarojs/taro'
import { scaleStyle, textSizeFromWechat, type TextSize, type TextSizeChoice } from './text-scale'

/** See text-size.ts. WeChat's setting is read once: WeChat restarts mini-programs when it changes. */
let size: TextSize | null = null

function wechatTextSize(): TextSize {
  if (size) return size
  let setting: unknown
  try {
    // getAppBaseInfo (base library 2.20.1+) holds fontSizeSetting; older ones only getSystemInfoSync.
    const base = typeof Taro.getAppBaseInfo === 'function' ? (Taro.getAppBaseInfo() as { fontSizeSetting?: number }) : undefined
    setting = base?.fontSizeSetting ?? Taro.getSystemInfoSync().fontSizeSetting
  } catch {
    setting = undefined
  }
  size = textSizeFromWechat(setting)
  return size
}

export function applyTextSize(): void {}

export function pageTextStyle(): string | undefined {
  return scaleStyle(wechatTextSize())
}

export const TEXT_SIZE_CHOOSABLE = false

export function textSizeChoice(): TextSizeChoice {
  return 'auto'
}

export function chooseTextSize(_choice: TextSizeChoice): void {}
