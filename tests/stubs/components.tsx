/**
 * Light stand-ins for @tarojs/components in jsdom: each renders the closest HTML element,
 * passes DOM-safe props through (role, aria-*, data-*, className, style, id) and maps
 * Taro's events (`onInput` with `detail.value`) onto DOM ones.
 */
import { createElement, forwardRef, type ReactNode } from 'react'

interface AnyProps {
  [key: string]: unknown
  children?: ReactNode
}

const PASS_THROUGH = /^(id|className|style|role|title|placeholder|disabled|type|name|value|tabIndex|hidden|src|alt|aria-.*|data-.*)$/
const EVENTS = ['onClick', 'onTouchStart', 'onTouchEnd', 'onFocus', 'onBlur']

function domProps(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props)) {
    if (PASS_THROUGH.test(key) || EVENTS.includes(key)) out[key] = value
  }
  if (typeof out.style === 'string') delete out.style
  // H5 passes `nativeProps` to the inner native element (e.g. the textarea's aria-label).
  const native = props.nativeProps
  if (native && typeof native === 'object') {
    for (const [key, value] of Object.entries(native as Record<string, unknown>)) if (/^(aria-.*|data-.*|autoComplete)$/.test(key)) out[key] = value
  }
  return out
}

function make(tag: string, displayName: string) {
  const Component = forwardRef<HTMLElement, AnyProps>((props, ref) =>
    createElement(tag, { ...domProps(props), ref }, props.children as ReactNode),
  )
  Component.displayName = displayName
  return Component
}

export const View = make('div', 'View')
export const Text = make('span', 'Text')
export const Label = make('label', 'Label')
export const ScrollView = make('div', 'ScrollView')
export const Swiper = make('div', 'Swiper')
export const SwiperItem = make('div', 'SwiperItem')
export const Form = make('form', 'Form')
export const Canvas = make('canvas', 'Canvas')
export const Video = make('video', 'Video')
export const Image = make('img', 'Image')

export const Button = forwardRef<HTMLButtonElement, AnyProps>((props, ref) =>
  createElement(
    'button',
    { ...domProps(props), type: props.formType === 'submit' ? 'submit' : 'button', ref },
    props.children as ReactNode,
  ),
)
Button.displayName = 'Button'

function withInputEvents(props: AnyProps) {
  const onInput = props.onInput as ((e: { detail: { value: string } }) => void) | undefined
  const onConfirm = props.onConfirm as ((e: { detail: { value: string } }) => void) | undefined
  // Taro H5 puts `nativeProps` (e.g. aria-label) on the native <input>; so does this stand-in.
  const native = typeof props.nativeProps === 'object' && props.nativeProps !== null ? domProps(props.nativeProps as AnyProps) : {}
  return {
    ...domProps(props),
    ...native,
    type: props.password ? 'password' : props.type === 'text' || !props.type ? 'text' : String(props.type),
    maxLength: typeof props.maxlength === 'number' ? props.maxlength : undefined,
    onChange: (e: { target: { value: string } }) => onInput?.({ detail: { value: e.target.value } }),
    onKeyDown: (e: { key: string; currentTarget: { value: string } }) => {
      if (e.key === 'Enter') onConfirm?.({ detail: { value: e.currentTarget.value } })
    },
  }
}

export const Input = forwardRef<HTMLInputElement, AnyProps>((props, ref) =>
  createElement('input', { ...withInputEvents(props), ref }),
)
Input.displayName = 'Input'

export const Textarea = forwardRef<HTMLTextAreaElement, AnyProps>((props, ref) =>
  createElement('textarea', { ...withInputEvents(props), type: undefined, ref }),
)
Textarea.displayName = 'Textarea'
