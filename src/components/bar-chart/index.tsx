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
 * Each positive value's share of their sum in tenths of a percent, rounded so the shares add up to
 * exactly 100.0 % (largest remainder). Zero and negative values have no share (null).
 */
export function sharesOf(values: readonly number[]): (number | null)[] {
  const total = values.reduce((s, v) => s + (v > 0 ? v : 0), 0)
  if (total <= 0) return values.map(() => null)
  const exact = values.map((v) => (v > 0 ? (v / total) * 1000 : 0))
  const tenths = exact.map(Math.floor)
  let left = 1000 - tenths.reduce((s, t) => s + t, 0)
  const byRemainder = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).filter(({ i }) => values[i] > 0).sort((a, b) => b.r - a.r)
  for (const { i } of byRemainder) {
    if (left <= 0) break
    tenths[i]++
    left--
  }
  return values.map((v, i) => (v > 0 ? tenths[i] / 10 : null))
}

/**
 * A horizontal bar chart drawn with plain Views and a percentage width, no canvas and no chart
 * library: it renders the same in WeChat and in the browser, stays sharp at any pixel ratio,
 * costs no bundle size in the main package, and every bar carries its label and amount as text
 * (readable by screen readers, findable by tests). Each bar is scaled to the largest value.
 * A negative value (a category reduced by a correction, 冲减) draws no bar and no share: it is
 * said in words instead, and the shares of the others add up to 100 %.
 */
export function BarChart({ title, bars, emptyText = '本期没有发生额', tone = 'expense' }: BarChartProps) {
  const max = Math.max(0, ...bars.map((b) => b.valueFen))
  const shares = sharesOf(bars.map((b) => b.valueFen))
  return (
    <View className={`bar-chart bar-chart--${tone}`} {...ariaRole('figure')} aria-label={title}>
      {max === 0 && bars.every((b) => b.valueFen === 0) ? (
        <Text className='bar-chart__empty muted'>{emptyText}</Text>
      ) : (
        bars.map((b, i) => {
          const pct = b.valueFen <= 0 || max === 0 ? 0 : Math.max(1.5, (b.valueFen / max) * 100)
          const share = shares[i]
          return (
            <View className='bar-chart__row' key={b.label} data-testid='bar'>
              <View className='bar-chart__head'>
                <Text className='bar-chart__label'>{b.label}</Text>
                <Text className='bar-chart__value'>
                  {formatYuan(b.valueFen)}
                  {share !== null ? `（${share.toFixed(1)}%）` : ''}
                </Text>
              </View>
              {b.valueFen < 0 ? (
                <Text className='bar-chart__note'>冲减：本期更正（冲销）了以前记的{tone === 'income' ? '收入' : '支出'}，不占比例</Text>
              ) : (
                <View className='bar-chart__track'>
                  <View className='bar-chart__fill' style={{ width: `${pct}%` }} data-pct={pct.toFixed(1)} />
                </View>
              )}
            </View>
          )
        })
      )}
    </View>
  )
}
