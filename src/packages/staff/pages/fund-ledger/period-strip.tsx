import { ScrollView, Text, View } from '@tarojs/components'
import type { PeriodState } from '@cloud/contract'
import { ariaRole } from '../../../../lib/a11y'

/** Where a period stands, in a word: 进行中 → 待结账 → 已结账 → 已签署 → 已公示. */
export function periodStatus(p: PeriodState): string {
  if (p.latestNotice) return p.latestNotice.version > 1 ? `已公示（第${p.latestNotice.version}版）` : '已公示'
  if (p.signedOffAt) return '已签署，待公示'
  if (p.closedAt) return '已结账，待经审签署'
  if (p.ended) return p.pendingCount ? `待审批 ${p.pendingCount} 笔` : '待结账'
  return '进行中'
}

export interface PeriodStripProps {
  periods: PeriodState[]
  onOpen: (quarter: string) => void
}

/** The recent periods as cards to open (结账与公示). */
export function PeriodStrip({ periods, onOpen }: PeriodStripProps) {
  return (
    // Focusable, so a keyboard can scroll it sideways (H5; WeChat ignores the attribute).
    <ScrollView scrollX className='period-strip' {...{ tabIndex: 0 }}>
      <View className='period-strip__row' {...ariaRole('list')} aria-label='结账与公示'>
        {periods.map((p) => (
          <View key={p.quarter} {...ariaRole('listitem')}>
            <View className={`period-strip__card${p.latestNotice ? ' period-strip__card--done' : ''}`} {...ariaRole('link')} aria-label={`${p.title} ${periodStatus(p)}`} onClick={() => onOpen(p.quarter)}>
              <Text className='period-strip__title'>{p.title}</Text>
              <Text className='period-strip__status'>{periodStatus(p)}</Text>
            </View>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
