import { Text, View } from '@tarojs/components'
import { ariaRole } from '../../lib/a11y'
import { formatYuan } from '../../lib/format'
import './index.scss'

export interface BarDatum {
  label: string
  valueFen: number
}

export interface BarChartProps {
  /** Names the chart for screen readers and tests (e.g. 支出构成). */
  title: string
  bars: BarDatum[]
  /** Shown when every value is zero. */
  emptyText?: string
  tone?: 'expense' | 'income'
}

/**
 * A horizontal bar chart drawn with plain Views and a percentage width, no canvas and no chart
 * library: it renders the same in WeChat and in the browser, stays sharp at any pixel ratio,
 * costs no bundle size in the main package, and every bar carries its label and amount as text
 * (readable by screen readers, findable by tests). Each bar is scaled to the largest value.
 */
export function BarChart({ title, bars, emptyText = '本期没有发生额', tone = 'expense' }: BarChartProps) {
  const max = Math.max(0, ...bars.map((b) => Math.abs(b.valueFen)))
  const total = bars.reduce((s, b) => s + b.valueFen, 0)
  return (
    <View className={`bar-chart bar-chart--${tone}`} {...ariaRole('figure')} aria-label={title}>
      {max === 0 ? (
        <Text className='bar-chart__empty muted'>{emptyText}</Text>
      ) : (
        bars.map((b) => {
          const pct = Math.abs(b.valueFen) === 0 ? 0 : Math.max(1.5, (Math.abs(b.valueFen) / max) * 100)
          const share = total > 0 && b.valueFen > 0 ? Math.round((b.valueFen / total) * 1000) / 10 : null
          return (
            <View className='bar-chart__row' key={b.label} data-testid='bar'>
              <View className='bar-chart__head'>
                <Text className='bar-chart__label'>{b.label}</Text>
                <Text className='bar-chart__value'>
                  {formatYuan(b.valueFen)}
                  {share !== null ? `（${share}%）` : ''}
                </Text>
              </View>
              <View className='bar-chart__track'>
                <View className='bar-chart__fill' style={{ width: `${pct}%` }} data-pct={pct.toFixed(1)} />
              </View>
            </View>
          )
        })
      )}
    </View>
  )
}
