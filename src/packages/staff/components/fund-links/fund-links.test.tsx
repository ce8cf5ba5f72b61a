import { fundLinks } from '.'

const names = { 'u-ind': '青山县餐饮行业工会联合会', 'u-1': '青山饭店联合工会', 'u-2': '老街面馆工会' }

describe('fund links on the workbench', () => {
  it('gives staff, chair and reviewer the ledger of their own union, once per union', () => {
    const links = fundLinks(
      [
        { role: 'staff', unionId: 'u-1' },
        { role: 'chair', unionId: 'u-1' },
        { role: 'reviewer', unionId: 'u-2' },
      ],
      names,
      'u-ind',
    )
    expect(links.map((l) => [l.title, l.url])).toEqual([
      ['经费账本 · 青山饭店联合工会', '/packages/staff/pages/fund-ledger/index?unionId=u-1'],
      ['经费账本 · 老街面馆工会', '/packages/staff/pages/fund-ledger/index?unionId=u-2'],
    ])
    expect(links[0].description).toContain('工会干部、工会主席')
    expect(links[1].description).toBe('查阅账目、提出意见、签署季度账目')
  })

  it('gives the industry union the overview', () => {
    expect(fundLinks([{ role: 'industryAdmin', unionId: 'u-ind' }], names, 'u-ind').map((l) => l.url)).toEqual(['/packages/staff/pages/fund-overview/index?unionId=u-ind'])
    const staff = fundLinks([{ role: 'staff', unionId: 'u-ind' }], names, 'u-ind').map((l) => l.title)
    expect(staff).toEqual(['经费账本 · 青山县餐饮行业工会联合会', '经费公示概览'])
  })

  it('gives members nothing', () => {
    expect(fundLinks([], names, 'u-ind')).toEqual([])
  })
})
