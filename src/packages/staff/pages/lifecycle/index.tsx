import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { DataRequestItem, TransferItem } from '@cloud/contract'
import { CORRECTION_FIELD_LABELS, DATA_REQUEST_KIND_LABELS, RETENTION_YEARS, TRANSFER_STATUS_LABELS } from '@cloud/contract/membership/lifecycle.labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../../../components/action-button'
import { EmptyState } from '../../../../components/empty-state'
import { ariaRole, heading } from '../../../../lib/a11y'
import { useSteps } from '../../../../hooks/useSteps'
import { call, toCloudError } from '../../../../services/cloud'
import { ReasonDialog } from '../../components/reason-dialog'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import './index.scss'

type Pending = { kind: 'rejectTransfer'; item: TransferItem } | { kind: 'rejectRequest'; item: DataRequestItem } | { kind: 'deletion'; item: DataRequestItem }

/**
 * 转会与信息请求 (staff): transfers into this union waiting for confirmation (接收 / 不接收),
 * pending transfers out of it (撤回), members' correction and deletion requests (办理 / 不予办理,
 * staff and chairs of the union only), and the retention job (保存期限已满的匿名化).
 */
export default function LifecyclePage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [incoming, setIncoming] = useState<TransferItem[] | null>(null)
  const [outgoing, setOutgoing] = useState<TransferItem[]>([])
  const [requests, setRequests] = useState<DataRequestItem[]>([])
  const [expired, setExpired] = useState(0)
  const [pending, setPending] = useState<Pending | null>(null)
  const { busy, setBusy, message, setMessage, problem, setProblem, run: step } = useSteps(() => load())
  const [dialogError, setDialogError] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      const [inc, out, purge] = await Promise.all([
        call('membership.listTransfers', { unionId: union.id, direction: 'in' }),
        call('membership.listTransfers', { unionId: union.id, direction: 'out' }),
        call('membership.purgeExpired', { unionId: union.id, dryRun: true }),
      ])
      setIncoming(inc.items)
      setOutgoing(out.items)
      setExpired(purge.anonymised)
      setRequests(union.fullNumbers ? (await call('membership.listDataRequests', { unionId: union.id })).items : [])
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union])

  useEffect(() => {
    void load()
  }, [load])

  async function confirmDialog(reason: string): Promise<void> {
    if (!pending) return
    setBusy('dialog')
    setDialogError('')
    try {
      if (pending.kind === 'rejectTransfer') {
        await call('membership.confirmTransfer', { transferId: pending.item.id, decision: 'reject', reason })
        setMessage(`已不接收 ${pending.item.memberName} 的转入`)
      } else {
        await call('membership.handleDataRequest', { requestId: pending.item.id, decision: 'reject', response: reason })
        setMessage(`已答复 ${pending.item.memberName}：不予办理`)
      }
      setPending(null)
      await load()
    } catch (thrown) {
      setDialogError(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  async function carryOutDeletion(item: DataRequestItem): Promise<void> {
    setPending(null)
    await step(`req:${item.id}`, async () => {
      await call('membership.handleDataRequest', { requestId: item.id, decision: 'apply' })
      return `已为 ${item.memberName} 办理注销，个人信息已匿名化`
    })
  }

  const transferCard = (t: TransferItem, direction: 'in' | 'out') => (
    <View key={t.id} {...ariaRole('listitem')} aria-label={t.memberName} className='lifecycle__item'>
      <Text className='lifecycle__name'>
        {t.memberName}（{t.gender === 'male' ? '男' : '女'}） · {TRANSFER_STATUS_LABELS[t.status]}
      </Text>
      <Text className='lifecycle__line'>
        {direction === 'in' ? `来自“${t.fromUnionName}”（原会员编号 ${t.fromMemberNo}）` : `转往“${t.toUnionName}”`} · 新单位 {t.toUnitName || '—'}
      </Text>
      <Text className='lifecycle__line muted'>
        身份证 {t.idNumberMasked} · 手机 {t.phoneMasked} · 岗位 {t.job}
      </Text>
      <Text className='lifecycle__line muted'>
        原因：{t.reason} · {t.initiatedAs === 'member' ? '本人申请' : '工会办理'} · {chinaDate(new Date(t.createdAt))}
      </Text>
      <View className='lifecycle__actions'>
        {direction === 'in' ? (
          <>
            <ActionButton
              size='small'
              type='primary'
              aria-label={`接收 ${t.memberName}`}
              loading={busy === `in:${t.id}`}
              onClick={() =>
                void step(`in:${t.id}`, async () => {
                  const r = await call('membership.confirmTransfer', { transferId: t.id, decision: 'confirm' })
                  return `已接收 ${t.memberName}，会员编号 ${r.newMemberNo ?? ''}`
                })
              }
            >
              接收
            </ActionButton>
            <ActionButton size='small' aria-label={`不接收 ${t.memberName}`} onClick={() => (setDialogError(''), setPending({ kind: 'rejectTransfer', item: t }))}>
              不接收
            </ActionButton>
          </>
        ) : (
          <ActionButton
            size='small'
            aria-label={`撤回 ${t.memberName} 的转出`}
            loading={busy === `out:${t.id}`}
            onClick={() =>
              void step(`out:${t.id}`, async () => {
                await call('membership.cancelTransfer', { transferId: t.id })
                return `已撤回 ${t.memberName} 的转出`
              })
            }
          >
            撤回
          </ActionButton>
        )}
      </View>
    </View>
  )

  return (
    <View className='page lifecycle'>
      <Text className='page-title' {...heading()}>
        转会与信息请求
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以办理转会和会员信息请求。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          {message && (
            <Text className='lifecycle__message' {...ariaRole('status')}>
              {message}
            </Text>
          )}

          <Text className='lifecycle__section'>转入待确认</Text>
          {incoming === null ? (
            !problem && <Text className='muted'>正在加载…</Text>
          ) : incoming.length === 0 ? (
            <EmptyState title='没有待确认的转入' />
          ) : (
            <View {...ariaRole('list')} aria-label='转入待确认'>
              {incoming.map((t) => transferCard(t, 'in'))}
            </View>
          )}

          {outgoing.length > 0 && (
            <>
              <Text className='lifecycle__section'>转出待对方确认</Text>
              <View {...ariaRole('list')} aria-label='转出待确认'>
                {outgoing.map((t) => transferCard(t, 'out'))}
              </View>
            </>
          )}

          {union?.fullNumbers && (
            <>
              <Text className='lifecycle__section'>会员信息请求</Text>
              {requests.length === 0 ? (
                <EmptyState title='没有待处理的更正或注销申请' />
              ) : (
                <View {...ariaRole('list')} aria-label='会员信息请求'>
                  {requests.map((r) => (
                    <View key={r.id} {...ariaRole('listitem')} aria-label={r.memberName} className='lifecycle__item'>
                      <Text className='lifecycle__name'>
                        {r.memberName} · {r.memberNo} · 申请{DATA_REQUEST_KIND_LABELS[r.kind]}
                      </Text>
                      {r.kind === 'correction' && r.field && (
                        <Text className='lifecycle__line'>
                          {CORRECTION_FIELD_LABELS[r.field]}：{r.currentValue ?? '—'} → {r.requestedValue ?? '—'}
                        </Text>
                      )}
                      {r.kind === 'deletion' && <Text className='lifecycle__line'>办理后该会员退会，个人信息匿名化；经费账目金额保留。</Text>}
                      {r.note && <Text className='lifecycle__line muted'>说明：{r.note}</Text>}
                      <Text className='lifecycle__line muted'>提交于 {chinaDate(new Date(r.createdAt))}</Text>
                      <View className='lifecycle__actions'>
                        <ActionButton
                          size='small'
                          type='primary'
                          aria-label={`办理 ${r.memberName} 的申请`}
                          loading={busy === `req:${r.id}`}
                          onClick={() =>
                            r.kind === 'deletion'
                              ? setPending({ kind: 'deletion', item: r })
                              : void step(`req:${r.id}`, async () => {
                                  await call('membership.handleDataRequest', { requestId: r.id, decision: 'apply' })
                                  return `已为 ${r.memberName} 更正${r.field ? CORRECTION_FIELD_LABELS[r.field] : ''}`
                                })
                          }
                        >
                          {r.kind === 'deletion' ? '办理注销' : '更正'}
                        </ActionButton>
                        <ActionButton size='small' aria-label={`不予办理 ${r.memberName} 的申请`} onClick={() => (setDialogError(''), setPending({ kind: 'rejectRequest', item: r }))}>
                          不予办理
                        </ActionButton>
                      </View>
                    </View>
                  ))}
                </View>
              )}
            </>
          )}

          <Text className='lifecycle__section'>保存期限</Text>
          <View className='lifecycle__item'>
            <Text className='lifecycle__line'>
              退会满 {RETENTION_YEARS} 年的会员，个人信息自动匿名化（每天执行）。目前已到期未处理：{expired} 人。
            </Text>
            {expired > 0 && (
              <ActionButton
                size='small'
                loading={busy === 'purge'}
                onClick={() =>
                  void step('purge', async () => {
                    if (!union) return ''
                    const r = await call('membership.purgeExpired', { unionId: union.id })
                    return `已匿名化 ${r.anonymised} 人`
                  })
                }
              >
                立即匿名化
              </ActionButton>
            )}
          </View>
        </>
      )}
      {(problem || error) && (
        <View>
          <Text className='error-text' {...ariaRole('alert')}>
            {problem || error?.message}
          </Text>
          <ActionButton size='small' onClick={() => (error ? reload() : void load())}>
            重试
          </ActionButton>
        </View>
      )}
      {pending?.kind === 'deletion' && (
        <View className='reason-dialog__mask'>
          <View role='dialog' aria-label='确认办理注销' className='reason-dialog'>
            <Text className='reason-dialog__title'>为 {pending.item.memberName} 办理注销</Text>
            <Text className='reason-dialog__description'>该会员将退会，姓名、身份证号、手机号等个人信息删除且无法恢复；经费账目金额保留，显示为“已注销会员”。</Text>
            <View className='reason-dialog__actions'>
              <ActionButton size='small' onClick={() => setPending(null)}>
                取消
              </ActionButton>
              <ActionButton size='small' type='primary' onClick={() => void carryOutDeletion(pending.item)}>
                确定注销
              </ActionButton>
            </View>
          </View>
        </View>
      )}
      {pending && pending.kind !== 'deletion' && (
        <ReasonDialog
          title={pending.kind === 'rejectTransfer' ? `不接收 ${pending.item.memberName} 的转入` : `不予办理 ${pending.item.memberName} 的申请`}
          description='理由会告知会员。'
          label={pending.kind === 'rejectTransfer' ? '不接收的理由' : '不予办理的理由'}
          confirmText='确定'
          busy={busy === 'dialog'}
          error={dialogError}
          onConfirm={(reason) => void confirmDialog(reason)}
          onCancel={() => setPending(null)}
        />
      )}
    </View>
  )
}
