import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { CommitteeInfo, CommitteesResult } from '@cloud/contract'
import { REELECTION_LABELS, SEAT_ROLES, SEAT_ROLE_LABELS, type SeatRole } from '@cloud/contract/org/labels'
import { ActionButton } from '../../../../components/action-button'
import { ChoiceChips } from '../../../../components/choice-chips'
import { ariaRole, heading } from '../../../../lib/a11y'
import { call, toCloudError } from '../../../../services/cloud'
import { LoadProblem } from '../../components/load-problem'
import { UnionSwitch } from '../../components/union-switch'
import { useMembershipUnion } from '../../lib/use-membership-union'
import { MEMBER_ATTACHMENT_MAX_BYTES } from '@cloud/contract/membership/member-file.labels'
import { pickUpload, saveFile, type PickedFile } from '../../lib/files'
import { HolderPicker, type Holder } from './holder-picker'
import { committeeLines } from './committee-text'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

const FORM_LABELS = { committee: '委员会', single: '一人担任' } as const

/** One committee: term, election approval, seats with 免职, and the forms to change them. */
function CommitteeCard({ unionId, c, onChanged, onError }: { unionId: string; c: CommitteeInfo; onChanged: () => Promise<void>; onError: (m: string) => void }) {
  const [start, setStart] = useState(c.termStart ?? '')
  const [end, setEnd] = useState(c.termEnd ?? '')
  const [form, setForm] = useState<'committee' | 'single'>(c.form ?? c.requiredForm)
  const [approvalNote, setApprovalNote] = useState('')
  const [approvalFile, setApprovalFile] = useState<PickedFile | null>(null)
  const [holder, setHolder] = useState<Holder>(null)
  const [role, setRole] = useState<SeatRole>(c.form === 'single' ? 'member' : 'member')
  const [ref, setRef] = useState('')
  const [busy, setBusy] = useState(false)
  const lines = committeeLines(c)

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    try {
      await action()
      await onChanged()
    } catch (thrown) {
      const e = toCloudError(thrown)
      onError(e.fields?.[0]?.message ?? e.message)
    } finally {
      setBusy(false)
    }
  }

  const pickApproval = async () => {
    try {
      const picked = await pickUpload('document')
      if (!picked) return
      if (picked.size > MEMBER_ATTACHMENT_MAX_BYTES) {
        onError('批复文件不能超过 5 MB，请压缩后再上传')
        return
      }
      setApprovalFile(picked)
    } catch (thrown) {
      onError(toCloudError(thrown).message)
    }
  }

  const openApproval = (fileId: string) =>
    void run(async () => {
      await saveFile(await call('org.approvalFile', { unionId, fileId }))
    })

  return (
    <View {...ariaRole('listitem')} aria-label={c.label} className='committees__card'>
      <View className='committees__head'>
        <Text className='committees__name'>{c.label}</Text>
        {c.reelection && <Text className={`committees__state committees__state--${c.reelection}`}>{REELECTION_LABELS[c.reelection]}</Text>}
      </View>
      {c.exists ? (
        <Text className='committees__line'>{lines.term}</Text>
      ) : (
        <Text className='committees__line'>尚未建立，请先设置任期。</Text>
      )}
      {c.exists && lines.approval && (
        <View className='committees__approval'>
          <Text className='committees__line'>{lines.approval}</Text>
          {c.upperApprovalFile && (
            <ActionButton size='small' fill='none' disabled={busy} onClick={() => openApproval(c.upperApprovalFile!.id)}>
              查看{c.label}上级批复文件
            </ActionButton>
          )}
        </View>
      )}
      {[...c.problems, ...c.vacancies].map((p) => (
        <Text key={p} className='committees__problem'>
          ⚠ {p}
        </Text>
      ))}
      {c.seats.length > 0 && (
        <View {...ariaRole('list')} aria-label={`${c.label}成员`} className='committees__seats'>
          {c.seats.map((s) => (
            <View key={s.id} {...ariaRole('listitem')} aria-label={s.name} className='committees__seat'>
              <Text className='committees__seat-text'>
                {c.form === 'single' ? '' : `${SEAT_ROLE_LABELS[s.role]} · `}
                {s.name}
                {s.memberId ? '' : '（非会员）'} · 自 {s.since}
              </Text>
              <ActionButton size='small' fill='none' disabled={busy} onClick={() => void run(() => call('org.setSeat', { unionId, kind: c.kind, role: s.role, endSeatId: s.id }))}>
                免职
              </ActionButton>
            </View>
          ))}
        </View>
      )}

      {c.exists && (
        <View className='committees__form'>
          <Text className='committees__form-title'>任职</Text>
          <HolderPicker unionId={unionId} label={c.label} value={holder} onChange={setHolder} />
          {c.form === 'committee' && <ChoiceChips label={`${c.label}职务`} options={SEAT_ROLES} display={(r) => SEAT_ROLE_LABELS[r]} value={role} onChange={setRole} />}
          <ActionButton size='small' disabled={busy || !holder} onClick={() => void run(async () => {
            if (!holder) return
            await call('org.setSeat', { unionId, kind: c.kind, role: c.form === 'single' ? 'member' : role, ...('memberId' in holder ? { memberId: holder.memberId } : { personName: holder.personName }) })
            setHolder(null)
          })}>
            登记任职
          </ActionButton>
        </View>
      )}

      {c.exists && c.form === 'committee' && c.electionStatus !== 'approved' && (
        <View className='committees__form'>
          <Text className='committees__form-title'>选举结果报批</Text>
          <Input className='committees__input' nativeProps={{ 'aria-label': `${c.label}批复文号` }} placeholder='上级工会批复文号' value={ref} maxLength={100} onChange={setRef} />
          <View className='committees__buttons'>
            {c.electionStatus === 'none' && (
              <ActionButton size='small' fill='outline' disabled={busy} onClick={() => void run(() => call('org.recordElection', { unionId, kind: c.kind, status: 'pending' }))}>
                已报上级（待批准）
              </ActionButton>
            )}
            <ActionButton size='small' disabled={busy || !ref.trim()} onClick={() => void run(() => call('org.recordElection', { unionId, kind: c.kind, status: 'approved', approvalRef: ref.trim() }))}>
              记录已批准
            </ActionButton>
          </View>
        </View>
      )}

      <View className='committees__form'>
        <Text className='committees__form-title'>{c.exists ? '换届（新一届任期）' : '设置任期'}</Text>
        {c.kind !== 'union' && <ChoiceChips label={`${c.label}形式`} options={['committee', 'single'] as const} display={(f) => FORM_LABELS[f]} value={form} onChange={setForm} />}
        <Input className='committees__input' nativeProps={{ 'aria-label': `${c.label}任期开始` }} placeholder='开始日期 YYYY-MM-DD' value={start} maxLength={10} onChange={setStart} />
        <Input className='committees__input' nativeProps={{ 'aria-label': `${c.label}届满日期` }} placeholder='届满日期 YYYY-MM-DD（3–5 年）' value={end} maxLength={10} onChange={setEnd} />
        {c.exists && (
          <>
            <Text className='committees__hint muted'>提前换届（届满前 6 个月以前）或延期换届（届满后）须上传上级工会的书面批复（图片或 PDF，5 MB 以内）。</Text>
            <Input className='committees__input' nativeProps={{ 'aria-label': `${c.label}上级批复` }} placeholder='上级批复文号或说明' value={approvalNote} maxLength={200} onChange={setApprovalNote} />
            <View className='committees__buttons'>
              <ActionButton size='small' fill='outline' disabled={busy} aria-label={`选择${c.label}上级批复文件`} onClick={() => void pickApproval()}>
                {approvalFile ? '更换批复文件' : '上传批复文件'}
              </ActionButton>
              {approvalFile && <Text className='committees__line'>已选择：{approvalFile.name}</Text>}
            </View>
          </>
        )}
        <ActionButton size='small' disabled={busy || !start || !end} onClick={() => void run(async () => {
          await call('org.setTerm', { unionId, kind: c.kind, form: c.kind === 'union' ? 'committee' : form, termStart: start.trim(), termEnd: end.trim(), ...(approvalNote.trim() ? { upperApprovalNote: approvalNote.trim() } : {}), ...(approvalFile ? { upperApprovalFile: { fileName: approvalFile.name, base64: approvalFile.base64 } } : {}) })
          setApprovalFile(null)
        })}>
          保存任期
        </ActionButton>
      </View>
    </View>
  )
}

/**
 * 委员会: the union's 工会委员会, 经费审查委员会/经审员 and 女职工委员会/女职工委员 with seats, terms,
 * election approval and the rules checked live; re-elections due within 6 months or overdue on top.
 * A holder is picked from the union's roster (search by name, member number or phone), or entered
 * by name for someone who is not a member.
 */
export default function CommitteesPage() {
  const { union, unions, setUnionId, notAllowed, error, reload } = useMembershipUnion()
  const [data, setData] = useState<CommitteesResult | null>(null)
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!union) return
    try {
      setData(await call('org.committees', { unionId: union.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union])

  useEffect(() => {
    setData(null)
    setProblem('')
    void load()
  }, [load])

  return (
    <View className='page committees'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        委员会
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以查看委员会。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          {data && (
            <>
              <Text className='committees__counts'>
                在册会员 {data.members} 人，其中女会员 {data.women} 人
              </Text>
              {data.reelections.length > 0 && (
                <View {...ariaRole('list')} aria-label='换届提醒' className='committees__reminders'>
                  {data.reelections.map((r) => (
                    <Text key={`${r.unionId}:${r.kind}`} {...ariaRole('listitem')} className={`committees__state committees__state--${r.state}`}>
                      {data.unionKind === 'industry' ? `${r.unionName} ` : ''}
                      {r.label} {r.termEnd} 届满 · {REELECTION_LABELS[r.state]}
                    </Text>
                  ))}
                </View>
              )}
              <View {...ariaRole('list')} aria-label='委员会' className='committees__list'>
                {data.committees.map((c) => (
                  <CommitteeCard key={`${data.unionId}:${c.kind}:${c.termStart ?? ''}:${c.form ?? ''}`} unionId={data.unionId} c={c} onChanged={async () => { setProblem(''); await load() }} onError={setProblem} />
                ))}
              </View>
            </>
          )}
          {!data && !problem && !error && <Text className='muted'>正在加载…</Text>}
        </>
      )}
      {(problem || error) && (
        <LoadProblem className='committees__problem-bar' message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
    </View>
  )
}
