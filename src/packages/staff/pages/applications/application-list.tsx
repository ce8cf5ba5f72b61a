import { Text, View } from '@tarojs/components'
import type { ApplicationItem, FlaggedAttempt } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'

const GENDER = { male: '男', female: '女' } as const

function when(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000).toISOString()
  return `${d.slice(0, 10)} ${d.slice(11, 16)}`
}

export interface ApplicationListProps {
  items: ApplicationItem[]
  /** Pending applications can be selected and decided. */
  pending: boolean
  selected: ReadonlySet<string>
  onToggle: (id: string) => void
  onApprove: (item: ApplicationItem) => void
  onReject: (item: ApplicationItem) => void
  busyId: string
}

/** The review queue (入会审核): one card per application, numbers masked. */
export function ApplicationList({ items, pending, selected, onToggle, onApprove, onReject, busyId }: ApplicationListProps) {
  return (
    <View {...ariaRole('list')} aria-label='入会申请' className='applications__list'>
      {items.map((a) => (
        <View key={a.id} {...ariaRole('listitem')} aria-label={a.name} className='applications__item'>
          <View className='applications__head'>
            {pending && (
              <View
                role='checkbox'
                aria-checked={selected.has(a.id) ? 'true' : 'false'}
                aria-label={`选择 ${a.name}`}
                className={`applications__check${selected.has(a.id) ? ' applications__check--on' : ''}`}
                onClick={() => onToggle(a.id)}
              />
            )}
            <Text className='applications__name'>{a.name}</Text>
            <Text className='applications__meta'>
              {GENDER[a.gender]} · {a.age} 岁 · {a.ethnicity}
            </Text>
          </View>
          <Text className='applications__line'>
            {a.unitName} · {a.job}
          </Text>
          <Text className='applications__line'>
            身份证 {a.idNumberMasked} · 手机 {a.phoneMasked}
          </Text>
          <Text className='applications__line muted'>
            {a.education} · {a.politicalStatus} · {a.householdType}
          </Text>
          <Text className='applications__line muted'>提交于 {when(a.createdAt)}（已同意个人信息授权）</Text>
          {a.linksImportedMember && <Text className='applications__flag'>名册中已有此人（导入，未绑定登录）：批准后将关联原会员编号</Text>}
          {a.status === 'approved' && <Text className='applications__line'>已通过 · 会员编号 {a.memberNo}</Text>}
          {a.status === 'rejected' && <Text className='applications__line error-text'>未通过：{a.rejectReason}</Text>}
          {pending && (
            <View className='applications__actions'>
              <ActionButton size='small' aria-label={`不批准 ${a.name}`} disabled={busyId === a.id} onClick={() => onReject(a)}>
                不批准
              </ActionButton>
              <ActionButton size='small' type='primary' aria-label={`批准 ${a.name}`} loading={busyId === a.id} onClick={() => onApprove(a)}>
                批准
              </ActionButton>
            </View>
          )}
        </View>
      ))}
    </View>
  )
}

/** 可疑登记: another login tried an ID number this union already holds. */
export function FlaggedList({ items }: { items: FlaggedAttempt[] }) {
  if (items.length === 0) return null
  return (
    <View className='applications__flagged' aria-label='可疑登记'>
      <Text className='applications__flagged-title'>可疑登记（近 30 天）</Text>
      {items.map((f) => (
        <Text key={f.id} className='applications__flagged-line'>
          {`${when(f.at)}：“${f.name}”（手机 ${f.phoneMasked}）用身份证 ${f.idNumberMasked} 申请加入${f.attemptedUnionName}，该号码已属于${
            f.matched === 'member' ? '会员' : '待审核申请人'
          }“${f.matchedName}”。已拒绝，请核实。`}
        </Text>
      ))}
    </View>
  )
}
