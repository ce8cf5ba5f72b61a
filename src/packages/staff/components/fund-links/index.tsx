import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import type { RoleGrant } from '@cloud/contract/labels'
import { ROLE_LABELS } from '@cloud/contract/labels'
import { ariaRole } from '../../../../lib/a11y'
import { FUND_LEDGER_PAGE, FUND_OVERVIEW_PAGE } from '../../../../lib/routes'
import './index.scss'

export interface FundLink {
  key: string
  title: string
  description: string
  url: string
}

/**
 * The fund pages a person's roles open: the ledger of each union where they are staff, chair
 * or reviewer (one link per union), and the overview for the industry union's admin, staff
 * and chair.
 */
export function fundLinks(roles: readonly RoleGrant[], unionNames: Record<string, string>, industryUnionId: string | null): FundLink[] {
  const links: FundLink[] = []
  const seen = new Set<string>()
  for (const g of roles) {
    if (!['staff', 'chair', 'reviewer'].includes(g.role) || seen.has(g.unionId)) continue
    seen.add(g.unionId)
    const held = roles.filter((r) => r.unionId === g.unionId && r.role !== 'industryAdmin').map((r) => ROLE_LABELS[r.role])
    links.push({
      key: `ledger:${g.unionId}`,
      title: `经费账本 · ${unionNames[g.unionId] ?? g.unionId}`,
      description: g.role === 'reviewer' && held.length === 1 ? '查阅账目、提出意见、签署季度账目' : `${held.join('、')}：记账、审批、结账与公示`,
      url: `${FUND_LEDGER_PAGE}?unionId=${encodeURIComponent(g.unionId)}`,
    })
  }
  const overviewUnion = roles.find((g) => g.role === 'industryAdmin' || ((g.role === 'staff' || g.role === 'chair') && g.unionId === industryUnionId))
  if (overviewUnion) {
    const id = overviewUnion.role === 'industryAdmin' ? overviewUnion.unionId : (industryUnionId ?? overviewUnion.unionId)
    links.push({ key: `overview:${id}`, title: '经费公示概览', description: '各基层工会按时公示情况与经费汇总', url: `${FUND_OVERVIEW_PAGE}?unionId=${encodeURIComponent(id)}` })
  }
  return links
}

export interface FundLinksProps {
  links: FundLink[]
  onOpen: (url: string) => void
}

/** The 经费 section of the workbench. */
export function FundLinks({ links, onOpen }: FundLinksProps) {
  if (links.length === 0) return null
  return (
    <View className='fund-links'>
      {links.map((l) => (
        <View key={l.key} className='fund-links__item' {...ariaRole('button')} aria-label={l.title} onClick={() => onOpen(l.url)}>
          <Cell title={l.title} description={l.description} extra='›' clickable />
        </View>
      ))}
      <Text className='fund-links__hint muted'>账目只增不改：记错了请冲正后重记。</Text>
    </View>
  )
}
