import Taro from '@tarojs/taro'

/** What a destructive step asks before it runs: its consequence in the title and text, its verb on the button. */
export interface DestructiveQuestion {
  title: string
  /** The consequence, in the reader's words (e.g. 退会后电子会员卡停止使用…). */
  content: string
  /** At most 4 characters (WeChat cuts longer labels), e.g. 确定退会. */
  confirmText: string
}

/** Asks in the platform's own modal (WeChat's, or Taro's in H5), the confirm button red; true when confirmed. */
export async function confirmDestructive(q: DestructiveQuestion): Promise<boolean> {
  const r = await Taro.showModal({ title: q.title, content: q.content, confirmText: q.confirmText, confirmColor: '#c8102e', cancelText: '取消' })
  return r.confirm
}
