import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { LedgerResult, NoticeListItem, NoticePreview } from '@cloud/contract'
import { periodLabel } from '@cloud/domain/fund-period'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { NoticeFigures } from '../../../../components/notice-figures'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { chinaDateTime, shortHash } from '../../../../lib/format'
import { NOTICE_PAGE } from '../../../../lib/routes'
import { call, toCloudError, type CloudError } from '../../../../services/cloud'
import { getSessionToken } from '../../../../services/session'
import { TextField } from '../../components/text-field'
import './index.scss'

interface State {
  preview: NoticePreview
  can: LedgerResult['can']
  ended: boolean
  closedAt: string | null
  signedOffAt: string | null
  versions: NoticeListItem[]
}

function Step({ done, title, detail }: { done: boolean; title: string; detail: string }) {
  return (
    <View className={`fund-period__step${done ? ' fund-period__step--done' : ''}`} {...ariaRole('listitem')} aria-label={`${title}：${detail}`}>
      <Text className='fund-period__dot'>{done ? '✓' : '·'}</Text>
      <View className='fund-period__step-body'>
        <Text className='fund-period__step-title'>{title}</Text>
        <Text className='fund-period__step-detail muted'>{detail}</Text>
      </View>
    </View>
  )
}

/**
 * 结账与公示 (`?unionId=&quarter=`): a period's way from the ledger to members — close it (staff),
 * sign it off (reviewer), publish the notice (staff) — with the notice as it would be published
 * and the versions already published (readers, questions).
 */
export default function FundPeriodPage() {
  useSession()
  const { params } = useRouter()
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  const quarter = params.quarter ?? ''
  const [state, setState] = useState<State | null>(null)
  const [error, setError] = useState<CloudError | null>(null)
  const [opinion, setOpinion] = useState('')
  const [explanation, setExplanation] = useState('')
  const [busy, setBusy] = useState<'' | 'close' | 'sign' | 'publish'>('')
  const [problem, setProblem] = useState('')

  const load = useCallback(() => {
    if (!getSessionToken() || !unionId || !quarter) return
    setError(null)
    Promise.all([
      call('fund.previewNotice', { unionId, quarter }),
      call('fund.ledger', { unionId, quarter, pageSize: 1 }),
      call('fund.listNotices', { unionId }),
    ])
      .then(([preview, ledger, list]) => {
        const p = ledger.periods.find((x) => x.quarter === quarter)
        setState({
          preview,
          can: ledger.can,
          ended: p?.ended ?? true,
          closedAt: p?.closedAt ?? null,
          signedOffAt: p?.signedOffAt ?? null,
          versions: list.items.filter((n) => n.quarter === quarter),
        })
        setExplanation((e) => e || preview.explanation)
      })
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [unionId, quarter])
  useDidShow(load)

  async function run(kind: 'close' | 'sign' | 'publish'): Promise<void> {
    setBusy(kind)
    setProblem('')
    try {
      if (kind === 'close') await call('fund.closeQuarter', { unionId, quarter })
      if (kind === 'sign') {
        if (!opinion.trim()) throw new Error('请填写审查意见')
        await call('fund.signOff', { unionId, quarter, opinion: opinion.trim() })
      }
      if (kind === 'publish') {
        const r = await call('fund.publishNotice', { unionId, quarter, explanation: explanation.trim() })
        void Taro.showToast({ title: r.duplicate ? '内容没有变化' : `已发布第${r.version}版`, icon: 'success' })
      } else {
        void Taro.showToast({ title: kind === 'close' ? '已结账' : '已签署', icon: 'success' })
      }
      load()
    } catch (thrown) {
      setProblem(thrown instanceof Error ? thrown.message : '操作未成功，请稍后再试')
    } finally {
      setBusy('')
    }
  }

  const title = periodLabel(quarter)
  const s = state
  const p = s?.preview
  const latest = s?.versions[0]
  return (
    <View className='page fund-period'>
      <Text className='page-title' {...heading()}>
        {title}结账与公示
      </Text>
      {s && p && (
        <>
          <Text className='fund-period__union muted'>{p.unionName}</Text>
          <View className='fund-period__steps' {...ariaRole('list')} aria-label='进度'>
            <Step done={Boolean(s.closedAt)} title='结账' detail={s.closedAt ? `${chinaDateTime(s.closedAt)} 已结账` : s.ended ? '期间已结束，可以结账' : `期间到 ${p.to} 结束`} />
            <Step done={Boolean(s.signedOffAt)} title='经审签署' detail={s.signedOffAt ? `${chinaDateTime(s.signedOffAt)} 已签署` : s.closedAt ? '等待经费审查委员会签署' : '结账后签署'} />
            <Step done={Boolean(latest)} title='公示' detail={latest ? `第${latest.version}版 · ${chinaDateTime(latest.publishedAt)} · ${latest.openedCount ?? 0} 人已读` : '签署后发布'} />
          </View>

          {s.can.record && !s.closedAt && s.ended && (
            <ActionButton type='primary' block loading={busy === 'close'} onClick={() => void run('close')}>
              结账
            </ActionButton>
          )}
          {s.can.signOff && s.closedAt && !s.signedOffAt && (
            <View className='fund-period__form'>
              <TextField label='审查意见' value={opinion} onChange={setOpinion} multiline maxLength={500} placeholder='如：经审查，本季度收支真实、票据齐全，同意公示。' />
              <ActionButton type='primary' block loading={busy === 'sign'} onClick={() => void run('sign')}>
                签署
              </ActionButton>
            </View>
          )}
          {s.can.publish && s.closedAt && s.signedOffAt && (
            <View className='fund-period__form'>
              <TextField label='情况说明' value={explanation} onChange={setExplanation} multiline maxLength={1000} placeholder='向会员简要说明本期经费使用情况' />
              {p.unchanged && p.explanation === explanation.trim() ? (
                <Text className='muted fund-period__note'>已公示的内容与账本一致，无需再次发布。</Text>
              ) : (
                <ActionButton type='primary' block loading={busy === 'publish'} onClick={() => void run('publish')}>
                  {latest ? `发布更正（第${latest.version + 1}版）` : '发布公示'}
                </ActionButton>
              )}
            </View>
          )}
          {problem && (
            <Text className='error-text fund-period__problem' {...ariaRole('alert')}>
              {problem}
            </Text>
          )}

          {s.versions.length > 0 && (
            <View className='fund-period__versions'>
              <Text className='fund-period__section' {...heading(2)}>
                已发布
              </Text>
              {s.versions.map((v) => (
                <View key={v.noticeId} className='fund-period__version' {...ariaRole('link')} aria-label={`查看第${v.version}版`} onClick={() => void Taro.navigateTo({ url: `${NOTICE_PAGE}?id=${encodeURIComponent(v.noticeId)}` })}>
                  <Text>
                    第{v.version}版{v.superseded ? '（已更正）' : ''}
                  </Text>
                  <Text className='muted'>
                    {chinaDateTime(v.publishedAt)} · {v.openedCount ?? 0} 人已读 · 提问 {v.questionCount ?? 0}
                    {v.unansweredCount ? `（${v.unansweredCount} 待答复）` : ''}
                  </Text>
                </View>
              ))}
            </View>
          )}

          <Text className='fund-period__section' {...heading(2)}>
            {p.unchanged ? '当前公示' : '公示预览'}
          </Text>
          <Text className='muted fund-period__note'>
            {p.blocker ? `${p.blocker}，以下为账本当前数字。` : p.unchanged ? '与最新发布的版本一致。' : '发布后会员即可在“经费公示”中看到。'} 校验码 {shortHash(p.hash)}
          </Text>
          <NoticeFigures figures={p} />
        </>
      )}
      {error && (
        <LoadProblem message={error.message} onRetry={load} />
      )}
      {!s && !error && (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
