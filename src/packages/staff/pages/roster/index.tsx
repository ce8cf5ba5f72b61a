import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { RosterItem } from '@cloud/contract'
import { MEMBER_STATUS_LABELS, ROSTER_PAGE_SIZE_DEFAULT, type RevealField } from '@cloud/contract/membership/labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../../../components/action-button'
import { ChoiceChips } from '../../../../components/choice-chips'
import { EmptyState } from '../../../../components/empty-state'
import { ariaRole, heading } from '../../../../lib/a11y'
import { MEMBER_FILE_PAGE } from '../../../../lib/routes'
import { call, toCloudError } from '../../../../services/cloud'
import { LoadProblem } from '../../components/load-problem'
import { ReasonDialog } from '../../components/reason-dialog'
import { UnionSwitch } from '../../components/union-switch'
import { saveFile } from '../../lib/files'
import { unitsOf } from '../../lib/membership-unions'
import { useMembershipUnion } from '../../lib/use-membership-union'
import { ExportTools } from './export-tools'
import { ImportPanel } from './import-panel'
import { TransferDialog } from './transfer-dialog'
import { transferTargets } from '../../../../lib/transfer-targets'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

type StatusFilter = 'active' | 'left' | 'all'
const STATUS_FILTERS: readonly StatusFilter[] = ['active', 'left', 'all']
const STATUS_FILTER_LABELS: Record<StatusFilter, string> = { active: '在册', left: '已退会', all: '全部' }
const FIELD_LABELS: Record<RevealField, string> = { idNumber: '身份证号', phone: '手机号' }
const ALL_UNITS = '__all__'

type Pending = { kind: 'reveal'; member: RosterItem; field: RevealField } | { kind: 'leave'; member: RosterItem } | { kind: 'transfer'; member: RosterItem }

/**
 * 会员名册: search (name, member number, phone, ID number), filter by unit and status, page
 * through; numbers masked, with 查看完整 (reason required, audited) for staff of that union;
 * 办理退会; export to `.xlsx` (numbers masked; the chair's full export for 报送 with a reason) and
 * import from it.
 */
export default function RosterPage() {
  const { union, unions, setUnionId, tree, notAllowed, error, reload } = useMembershipUnion()
  const [query, setQuery] = useState('')
  const [applied, setApplied] = useState('')
  const [status, setStatus] = useState<StatusFilter>('active')
  const [unitId, setUnitId] = useState(ALL_UNITS)
  const [page, setPage] = useState(1)
  const [items, setItems] = useState<RosterItem[] | null>(null)
  const [total, setTotal] = useState(0)
  const [revealed, setRevealed] = useState<Record<string, string>>({})
  const [pending, setPending] = useState<Pending | null>(null)
  const [busy, setBusy] = useState('')
  const [dialogError, setDialogError] = useState('')
  const [importing, setImporting] = useState(false)
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')

  const units = useMemo(() => (tree && union ? unitsOf(tree, union.id) : []), [tree, union])

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      const r = await call('membership.roster', {
        unionId: union.id,
        query: applied || undefined,
        unitId: unitId === ALL_UNITS ? undefined : unitId,
        status,
        page,
        pageSize: ROSTER_PAGE_SIZE_DEFAULT,
      })
      setItems(r.items)
      setTotal(r.total)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union, applied, unitId, status, page])

  useEffect(() => {
    void load()
  }, [load])
  useEffect(() => {
    setPage(1)
    setUnitId(ALL_UNITS)
    setRevealed({})
  }, [union?.id])

  const pages = Math.max(1, Math.ceil(total / ROSTER_PAGE_SIZE_DEFAULT))

  async function confirmTransfer(input: { toUnionId: string; toUnitId?: string; toUnitName?: string; reason: string }): Promise<void> {
    if (pending?.kind !== 'transfer') return
    setBusy('dialog')
    setDialogError('')
    try {
      const r = await call('membership.transfer', { memberId: pending.member.memberId, ...input })
      setMessage(`已为 ${pending.member.name} 提交转出，等待“${r.toUnionName}”确认`)
      setPending(null)
    } catch (thrown) {
      setDialogError(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  async function confirmPending(reason: string): Promise<void> {
    if (!pending || pending.kind === 'transfer') return
    setBusy('dialog')
    setDialogError('')
    try {
      if (pending.kind === 'reveal') {
        const r = await call('membership.reveal', { memberId: pending.member.memberId, field: pending.field, reason })
        setRevealed((v) => ({ ...v, [`${pending.member.memberId}:${pending.field}`]: r.value }))
      } else {
        await call('membership.leave', { memberId: pending.member.memberId, reason })
        setMessage(`${pending.member.name} 已办理退会`)
        await load()
      }
      setPending(null)
    } catch (thrown) {
      setDialogError(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  async function exportXlsx(): Promise<void> {
    if (!union) return
    setProblem('')
    try {
      const file = await call('membership.exportRoster', { unionId: union.id, status: status === 'active' ? 'active' : 'all' })
      await saveFile(file)
      setMessage(`已导出 ${file.rows} 人（号码已打码）：${file.fileName}`)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }

  /** 报送用完整导出 (the chair); a refusal is shown in the reason dialog. */
  async function exportFull(reason: string): Promise<void> {
    if (!union) return
    try {
      const file = await call('membership.exportRosterFull', { unionId: union.id, status: status === 'active' ? 'active' : 'all', reason })
      await saveFile(file)
      setMessage(`已导出 ${file.rows} 人（完整号码，已记入审计日志）：${file.fileName}；今天还可完整导出 ${file.remainingToday} 次`)
    } catch (thrown) {
      throw toCloudError(thrown)
    }
  }

  function ask(next: Pending): void {
    setDialogError('')
    setPending(next)
  }

  function search(): void {
    setPage(1)
    setApplied(query.trim())
  }

  const number = (m: RosterItem, field: RevealField) => {
    const full = revealed[`${m.memberId}:${field}`]
    const masked = field === 'idNumber' ? m.idNumberMasked : m.phoneMasked
    return (
      <View className='roster__number'>
        <Text className='roster__number-text'>
          {FIELD_LABELS[field]} {full ?? masked}
        </Text>
        {full ? (
          <Text className='roster__revealed'>（已记录查看）</Text>
        ) : (
          union?.fullNumbers && (
            <ActionButton size='small' fill='none' aria-label={`查看完整${FIELD_LABELS[field]} ${m.name}`} onClick={() => ask({ kind: 'reveal', member: m, field })}>
              查看完整
            </ActionButton>
          )
        )}
      </View>
    )
  }

  return (
    <View className='page roster'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        会员名册
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以查看会员名册。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          <View className='roster__search'>
            <Input
              className='roster__search-input'
              nativeProps={{ 'aria-label': '搜索会员' }}
              placeholder='姓名、会员编号、手机号或身份证号'
              value={query}
              maxLength={40}
              confirmType='search'
              onChange={setQuery}
              onConfirm={search}
            />
            <ActionButton size='small' type='primary' onClick={search}>
              搜索
            </ActionButton>
          </View>
          <ChoiceChips label='会籍状态' options={STATUS_FILTERS} display={(s) => STATUS_FILTER_LABELS[s]} value={status} onChange={(s) => {
              setStatus(s)
              setPage(1)
            }} />
          {units.length > 1 && (
            <View className='roster__units'>
              <ChoiceChips
                label='工作单位'
                options={[ALL_UNITS, ...units.map((u) => u.id)]}
                display={(id) => (id === ALL_UNITS ? '全部单位' : units.find((u) => u.id === id)?.name ?? id)}
                value={unitId}
                onChange={(id) => {
                  setUnitId(id)
                  setPage(1)
                }}
              />
            </View>
          )}
          {union?.fullNumbers && <ExportTools canExportFull={union.fullExport} onExport={exportXlsx} onExportFull={exportFull} onImport={() => setImporting((v) => !v)} />}
          {importing && union && <ImportPanel unionId={union.id} onImported={() => void load()} onClose={() => setImporting(false)} />}
          {message && (
            <Text className='roster__message' {...ariaRole('status')}>
              {message}
            </Text>
          )}
          <Text className='roster__count muted'>共 {total} 人</Text>
          {items === null ? (
            !problem && <Text className='muted'>正在加载…</Text>
          ) : items.length === 0 ? (
            <EmptyState title={applied ? '没有找到符合条件的会员' : '名册中还没有会员'} />
          ) : (
            <View {...ariaRole('list')} aria-label='会员' className='roster__list'>
              {items.map((m) => (
                <View key={m.memberId} {...ariaRole('listitem')} aria-label={m.name} className='roster__item'>
                  <View className='roster__head'>
                    <Text className='roster__name'>{m.name}</Text>
                    <Text className={`roster__status roster__status--${m.status}`}>{MEMBER_STATUS_LABELS[m.status]}</Text>
                  </View>
                  <Text className='roster__line'>
                    {m.memberNo} · {m.unitName} · {m.job}
                  </Text>
                  {number(m, 'idNumber')}
                  {number(m, 'phone')}
                  <Text className='roster__line muted'>
                    入会 {chinaDate(new Date(m.joinedAt))}
                    {m.leftAt ? ` · 退会 ${chinaDate(new Date(m.leftAt))}` : ''}
                  </Text>
                  <View className='roster__actions'>
                    <ActionButton size='small' fill='none' aria-label={`一人一档 ${m.name}`} onClick={() => void Taro.navigateTo({ url: `${MEMBER_FILE_PAGE}?memberId=${encodeURIComponent(m.memberId)}` })}>
                      一人一档
                    </ActionButton>
                    {m.status === 'active' && (
                      <ActionButton size='small' fill='none' aria-label={`办理退会 ${m.name}`} onClick={() => ask({ kind: 'leave', member: m })}>
                        办理退会
                      </ActionButton>
                    )}
                    {m.status === 'active' && tree && (
                      <ActionButton size='small' fill='none' aria-label={`转出 ${m.name}`} onClick={() => ask({ kind: 'transfer', member: m })}>
                        转出
                      </ActionButton>
                    )}
                  </View>
                </View>
              ))}
            </View>
          )}
          {pages > 1 && (
            <View className='roster__pager'>
              <ActionButton size='small' disabled={page <= 1} onClick={() => setPage((p) => Math.max(1, p - 1))}>
                上一页
              </ActionButton>
              <Text>
                第 {page} / {pages} 页
              </Text>
              <ActionButton size='small' disabled={page >= pages} onClick={() => setPage((p) => Math.min(pages, p + 1))}>
                下一页
              </ActionButton>
            </View>
          )}
        </>
      )}
      {(problem || error) && (
        <LoadProblem className='roster__problem' message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
      {pending?.kind === 'transfer' && tree && union && (
        <TransferDialog
          memberName={pending.member.name}
          targets={transferTargets(tree, union.id)}
          busy={busy === 'dialog'}
          error={dialogError}
          onConfirm={(input) => void confirmTransfer(input)}
          onCancel={() => setPending(null)}
        />
      )}
      {pending && pending.kind !== 'transfer' && (
        <ReasonDialog
          title={pending.kind === 'reveal' ? `查看 ${pending.member.name} 的完整${FIELD_LABELS[pending.field]}` : `为 ${pending.member.name} 办理退会`}
          description={pending.kind === 'reveal' ? '查看理由和查看人会记入审计日志。' : '退会后仍保留在名册中，状态为“已退会”，会员卡停止使用。'}
          label={pending.kind === 'reveal' ? '查看理由' : '退会原因'}
          placeholder={pending.kind === 'reveal' ? '如：办理困难帮扶' : '如：离职'}
          confirmText={pending.kind === 'reveal' ? '查看' : '确定退会'}
          busy={busy === 'dialog'}
          error={dialogError}
          onConfirm={(reason) => void confirmPending(reason)}
          onCancel={() => setPending(null)}
        />
      )}
    </View>
  )
}
