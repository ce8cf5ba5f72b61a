import { fireEvent, render, screen } from '@testing-library/react'
import { TextSizeSwitch } from '.'
import { readChoice, scaleStyle, textSizeFromBrowser, textSizeFromWechat } from '../../lib/text-scale'

describe('large-text mode (issue 18 item 9)', () => {
  it('in H5, 我的 offers 跟随系统, 标准, 大 and 特大 and applies the one tapped', () => {
    const chosen: string[] = []
    render(<TextSizeSwitch choosable initial='auto' onChoose={(c) => chosen.push(c)} />)
    const group = screen.getByRole('radiogroup', { name: '字体大小' })
    expect(screen.getByRole('radio', { name: '跟随系统' }).getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByRole('radio', { name: '特大' }))
    expect(chosen).toEqual(['largest'])
    expect(screen.getByRole('radio', { name: '特大' }).getAttribute('aria-checked')).toBe('true')
    expect(group).toBeTruthy()
  })

  it('shows nothing where WeChat decides the size (the mini-program)', () => {
    const { container } = render(<TextSizeSwitch choosable={false} />)
    expect(container.textContent).toBe('')
  })

  it('maps WeChat’s fontSizeSetting and the browser’s default size to a text size', () => {
    expect(textSizeFromWechat(16)).toBe('standard')
    expect(textSizeFromWechat(17)).toBe('standard')
    expect(textSizeFromWechat(20)).toBe('large')
    expect(textSizeFromWechat(26)).toBe('largest')
    expect(textSizeFromWechat(undefined)).toBe('standard')
    expect(textSizeFromBrowser(16)).toBe('standard')
    expect(textSizeFromBrowser(20)).toBe('large')
    expect(textSizeFromBrowser(24)).toBe('largest')
    expect(scaleStyle('standard')).toBeUndefined()
    expect(scaleStyle('largest')).toBe('--fs: 1.5;')
    expect(readChoice('large')).toBe('large')
    expect(readChoice('huge')).toBe('auto')
  })
})
