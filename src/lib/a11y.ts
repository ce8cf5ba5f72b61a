/**
 * Taro's component types leave out ARIA `role`. H5 renders it as a DOM attribute (screen
 * readers and the end-to-end tests find elements by it); mini-programs ignore it.
 */
export type AriaRole = 'button' | 'radio' | 'radiogroup' | 'heading' | 'alert' | 'status' | 'list' | 'listitem' | 'tab' | 'tablist' | 'img' | 'switch' | 'table' | 'row' | 'cell' | 'columnheader' | 'figure' | 'link' | 'region' | 'dialog'

export function ariaRole(role: AriaRole): Record<string, string> {
  return { role }
}

/** A page heading: `<Text {...heading()}>我的</Text>`. */
export function heading(level = 1): Record<string, string> {
  return { role: 'heading', 'aria-level': String(level) }
}
