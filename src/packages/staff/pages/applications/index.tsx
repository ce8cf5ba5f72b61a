import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ApplicationItem, FlaggedAttempt } from '@cloud/contract'
import { APPLICATION_STATUS_LABELS, type ApplicationStatus } from '@cloud/contract/membership/labels'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { ChoiceChips } from '../../../../components/choice-chips'
import { EmptyState } from '../../../../components/empty-state'
import { ariaRole, heading } from '../../../../lib/a11y'
import { call, toCloudError } from '../../../../services/cloud'
import { ReasonDialog } from '../../components/reason-dialog'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import { ApplicationList, FlaggedList } from './application-list'
import './index.scss'

const TABS: readonly ApplicationStatus[] = ['pending', 'approved', 'rejected']

/** 入会审核: the union's pending applications, oldest first; approve, reject with a reason, or approve in bulk. */
export default function ApplicationsPage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [status, setStatus] = useState<ApplicationStatus>('pending')
  const [items, setItems] = useState<ApplicationItem[] | null>(null)
  const [total, setTotal] = useState(0)
  const [flagged, setFlagged] = useState<FlaggedAttempt[]>([])
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [busyId, setBusyId] = useState('')
  const [rejecting, setRejecting] = useState<ApplicationItem | null>(null)
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      const r = await call('membership.listApplications', { unionId: union.id, status })
      setItems(r.items)
      setTotal(r.total)
      setFlagged(r.flagged)
      setSelected(new Set())
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union, status])

  useEffect(() => {
    setItems(null)
    void load()
  }, [load])

  async function approve(item: ApplicationItem): Promise<void> {
    setBusyId(item.id)
    setMessage('')
    try {
      const r = await call('membership.review', { applicationId: item.id, decision: 'approve' })
      setMessage(`已批准 ${item.name}，会员编号 ${r.memberNo ?? ''}`)
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusyId('')
    }
  }

  async function reject(item: ApplicationItem, reason: string): Promise<void> {
    setBusyId(item.id)
    try {
      await call('membership.review', { applicationId: item.id, decision: 'reject', reason })
      setRejecting(null)
      setMessage(`已不批准 ${item.name}`)
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
      setRejecting(null)
    } finally {
      setBusyId('')
    }
  }

  async function approveSelected(): Promise<void> {
    if (!union || selected.size === 0) return
    setBusyId('bulk')
    try {
      const r = await call('membership.approveMany', { unionId: union.id, applicationIds: [...selected] })
      const failed = r.results.filter((x) => x.outcome !== 'approved')
      setMessage(`已批准 ${r.approved} 份${failed.length ? `，${failed.length} 份未能批准：${failed.map((f) => f.message ?? f.outcome).join('；')}` : ''}`)
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusyId('')
    }
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <View className='page applications'>
      <Text className='page-title' {...heading()}>
        入会审核
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以审核入会申请。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          <ChoiceChips label='申请状态' options={TABS} display={(s) => APPLICATION_STATUS_LABELS[s]} value={status} onChange={setStatus} />
          <FlaggedList items={status === 'pending' ? flagged : []} />
          {message && (
            <Text className='applications__message' {...ariaRole('status')}>
              {message}
            </Text>
          )}
          {status === 'pending' && items && items.length > 0 && (
            <View className='applications__bulk'>
              <Text className='muted'>共 {total} 份，最早提交的在前</Text>
              <ActionButton size='small' onClick={() => setSelected(selected.size === items.length ? new Set() : new Set(items.map((i) => i.id)))}>
                {selected.size === items.length ? '取消全选' : '全选'}
              </ActionButton>
              <ActionButton size='small' type='primary' disabled={selected.size === 0} loading={busyId === 'bulk'} onClick={() => void approveSelected()}>
                批量批准（{selected.size}）
              </ActionButton>
            </View>
          )}
          {items === null ? (
            !problem && <Text className='muted'>正在加载…</Text>
          ) : items.length === 0 ? (
            <EmptyState title={status === 'pending' ? '没有待审核的申请' : `没有${APPLICATION_STATUS_LABELS[status]}的申请`} />
          ) : (
            <ApplicationList
              items={items}
              pending={status === 'pending'}
              selected={selected}
              onToggle={toggle}
              onApprove={(a) => void approve(a)}
              onReject={setRejecting}
              busyId={busyId}
            />
          )}
        </>
      )}
      {(problem || error) && (
        <LoadProblem message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
      {rejecting && (
        <ReasonDialog
          title={`不批准 ${rejecting.name}`}
          description='理由会告知申请人。'
          label='不批准的理由'
          placeholder='如：非本单位职工'
          confirmText='确定不批准'
          busy={busyId === rejecting.id}
          onConfirm={(reason) => void reject(rejecting, reason)}
          onCancel={() => setRejecting(null)}
        />
      )}
    </View>
  )
}

