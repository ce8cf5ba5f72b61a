import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { EntryList } from './entry-list'

const ENTRIES = [
  { title: '职工诉求', description: '答复、办结', url: '/packages/staff/pages/requests/index', industryOnly: false },
  { title: '诉求统计', description: '逾期未答复清单', url: '/packages/staff/pages/request-stats/index', industryOnly: true },
] as const

describe('the workbench entries', () => {
  it('shows each entry as a button named by its title and opens its page for the union it picks', () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo')
    render(<EntryList entries={ENTRIES} unionIdOf={(e) => (e.industryOnly ? 'industry 1' : 'b1')} />)

    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringMatching(/^职工诉求/), expect.stringMatching(/^诉求统计/)])
    expect(screen.getByRole('button', { name: /^职工诉求/ }).textContent).toContain('答复、办结')

    fireEvent.click(screen.getByRole('button', { name: /^诉求统计/ }))
    fireEvent.click(screen.getByRole('button', { name: /^职工诉求/ }))
    expect(navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/staff/pages/request-stats/index?unionId=industry%201',
      '/packages/staff/pages/requests/index?unionId=b1',
    ])
    navigateTo.mockRestore()
  })
})
