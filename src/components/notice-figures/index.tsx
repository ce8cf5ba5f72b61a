import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { NoticeFigures as Figures } from '@cloud/contract'
import { DIRECTION_LABELS } from '@cloud/contract/fund/labels'
import { ariaRole, heading } from '../../lib/a11y'
import { chinaDateTime, formatYuan } from '../../lib/format'
import { BarChart } from '../bar-chart'
import './index.scss'

/**
 * 核验 of a published notice against the ledger (`fund.verifyNotice`): still checking, the books
 * give the same 校验码, they do not, or the check could not be made (network, server).
 */
export type NoticeCheck = 'checking' | 'matches' | 'mismatch' | 'failed'

export interface NoticeFiguresProps {
  figures: Figures
  /** Shown beside the 校验码 when given (the member's notice page; not the staff preview). */
  check?: NoticeCheck
}

const CHECK_TEXT: Record<NoticeCheck, { tag: string; type: 'default' | 'success' | 'danger'; note: string }> = {
  checking: { tag: '核验中', type: 'default', note: '正在按账本重新计算校验码…' },
  matches: { tag: '已核验', type: 'success', note: '已按账本重新计算，校验码与本公示一致。' },
  mismatch: { tag: '与账目不符', type: 'danger', note: '按账本重新计算的校验码与本公示不一致，请联系工会或经费审查委员会核查。' },
  failed: { tag: '暂未核验', type: 'default', note: '暂时无法核验，请稍后再打开本页。' },
}

function CheckStatus({ check }: { check: NoticeCheck }) {
  const t = CHECK_TEXT[check]
  return (
    <View className='notice-figures__check' {...ariaRole('status')} aria-label={`核验：${t.tag}`}>
      <Tag type={t.type} className='notice-figures__tag'>
        {t.tag}
      </Tag>
      <Text className={`notice-figures__note${check === 'mismatch' ? ' error-text' : ' muted'}`}>{t.note}</Text>
    </View>
  )
}

function Total({ label, fen, strong = false }: { label: string; fen: number; strong?: boolean }) {
  return (
    <View className={`notice-figures__total${strong ? ' notice-figures__total--strong' : ''}`} {...ariaRole('status')} aria-label={`${label} ${formatYuan(fen)}`}>
      <Text className='notice-figures__total-label'>{label}</Text>
      <Text className='notice-figures__total-value'>{formatYuan(fen)}</Text>
    </View>
  )
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='notice-figures__section' {...ariaRole('region')} aria-label={title}>
      <Text className='notice-figures__section-title' {...heading(2)}>
        {title}
      </Text>
      {children}
    </View>
  )
}

/**
 * The body of a fund-use notice (经费公示): totals, spending by category as a bar chart, the
 * funding routes, dues against members' activities, listed items, later corrections, the
 * reviewer's sign-off and the explanation. Shared by the member's page and the staff preview.
 */
export function NoticeFigures({ figures: f, check }: NoticeFiguresProps) {
  const expense = f.byCategory.filter((r) => r.direction === 'expense')
  const income = f.byCategory.filter((r) => r.direction === 'income' && r.amountFen !== 0)
  return (
    <View className='notice-figures'>
      <View className='notice-figures__totals'>
        <Total label='期初余额' fen={f.openingFen} />
        <Total label='本期收入' fen={f.incomeFen} />
        <Total label='本期支出' fen={f.expenseFen} />
        <Total label='期末余额' fen={f.closingFen} strong />
      </View>
      <Text className='notice-figures__period muted'>
        {f.from} 至 {f.to} · 共 {f.entryCount} 笔
      </Text>

      {f.explanation && (
        <Section title='情况说明'>
          <Text className='notice-figures__text'>{f.explanation}</Text>
        </Section>
      )}

      <Section title='支出构成'>
        <BarChart title='支出构成图' bars={expense.map((r) => ({ label: r.category, valueFen: r.amountFen }))} />
      </Section>

      <Section title='经费来源（四个一点）'>
        <BarChart title='经费来源图' tone='income' bars={f.byFundingRoute.map((r) => ({ label: r.label, valueFen: r.amountFen }))} emptyText='本期没有收入' />
        {income.length > 0 && (
          <View className='notice-figures__rows'>
            {income.map((r) => (
              <View className='notice-figures__row' key={r.category}>
                <Text>{r.category}</Text>
                <Text>{formatYuan(r.amountFen)}</Text>
              </View>
            ))}
          </View>
        )}
      </Section>

      <Section title='会费先收后返'>
        <View className='notice-figures__rows'>
          <View className='notice-figures__row'>
            <Text>本期收缴会费</Text>
            <Text>{formatYuan(f.dues.collectedFen)}</Text>
          </View>
          <View className='notice-figures__row'>
            <Text>本期职工活动支出</Text>
            <Text>{formatYuan(f.dues.returnedFen)}</Text>
          </View>
          <View className='notice-figures__row'>
            <Text>本年累计收缴会费</Text>
            <Text>{formatYuan(f.dues.yearCollectedFen)}</Text>
          </View>
          <View className='notice-figures__row'>
            <Text>本年累计职工活动支出</Text>
            <Text>{formatYuan(f.dues.yearReturnedFen)}</Text>
          </View>
        </View>
        <Text className='notice-figures__note muted'>
          {f.dues.yearReturnedFen >= f.dues.yearCollectedFen ? '本年会费已全部用于职工活动。' : '本年会费尚未全部用于职工活动，余额留待后续活动使用。'}
        </Text>
      </Section>

      {f.bySubCategory.length > 0 && (
        <Section title='支出明细项目'>
          <View className='notice-figures__rows'>
            {f.bySubCategory.map((r) => (
              <View className='notice-figures__row' key={`${r.category}|${r.subCategory}`}>
                <Text>
                  {r.category} · {r.subCategory}
                </Text>
                <Text>{formatYuan(r.amountFen)}</Text>
              </View>
            ))}
          </View>
        </Section>
      )}

      <Section title={`逐笔列示（${formatYuan(f.itemThresholdFen)} 及以上和冲正）`}>
        {f.items.length === 0 ? (
          <Text className='muted'>本期没有需要逐笔列示的条目</Text>
        ) : (
          <View className='notice-figures__items' {...ariaRole('list')}>
            {f.items.map((i) => (
              <View className='notice-figures__item' key={i.id} {...ariaRole('listitem')}>
                <View className='notice-figures__item-head'>
                  <Text className='notice-figures__item-title'>
                    {i.category}
                    {i.subCategory ? ` · ${i.subCategory}` : ''}
                  </Text>
                  <Text className={`notice-figures__amount notice-figures__amount--${i.direction}`}>
                    {i.kind === 'reversal' ? '−' : ''}
                    {formatYuan(i.amountFen)}
                  </Text>
                </View>
                <Text className='notice-figures__item-line'>{i.purpose}</Text>
                <Text className='notice-figures__item-line muted'>
                  {i.date} · {DIRECTION_LABELS[i.direction]}
                  {i.counterparty ? ` · ${i.counterparty}` : ''}
                </Text>
                {i.kind === 'reversal' && (
                  <Tag type='warning' className='notice-figures__tag'>
                    冲正
                  </Tag>
                )}
              </View>
            ))}
          </View>
        )}
      </Section>

      {f.corrections.length > 0 && (
        <Section title='后续更正'>
          <Text className='notice-figures__note muted'>本期结账后发现的差错，已在以后期间冲正或重记：</Text>
          <View className='notice-figures__items'>
            {f.corrections.map((c) => (
              <View className='notice-figures__item' key={c.id}>
                <View className='notice-figures__item-head'>
                  <Text className='notice-figures__item-title'>
                    {c.kind === 'reversal' ? '冲正' : '重记'} · {c.category}
                  </Text>
                  <Text className='notice-figures__amount'>
                    {c.kind === 'reversal' ? '−' : ''}
                    {formatYuan(c.amountFen)}
                  </Text>
                </View>
                <Text className='notice-figures__item-line'>{c.purpose}</Text>
                <Text className='notice-figures__item-line muted'>{c.date}</Text>
              </View>
            ))}
          </View>
        </Section>
      )}

      <Section title='经费审查委员会意见'>
        {f.signOff ? (
          <>
            <Text className='notice-figures__text'>{f.signOff.opinion}</Text>
            <Text className='notice-figures__note muted'>
              {f.signOff.reviewerName} · {chinaDateTime(f.signOff.signedAt)}
            </Text>
          </>
        ) : (
          <Text className='muted'>尚未签署</Text>
        )}
      </Section>

      <Section title='校验码（SHA-256）'>
        <Text className='notice-figures__hash' selectable>
          {f.hash}
        </Text>
        <Text className='notice-figures__note muted'>由本期收支数字、列示的账目和每笔账目编号计算（经审意见、情况说明不计入）：结账前、经审签署时和公示后都相同，数字或账目如有改动校验码即不同。</Text>
        {check && <CheckStatus check={check} />}
      </Section>
    </View>
  )
}
