import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { RosterItem } from '@cloud/contract'
import { ActionButton } from '../../../../components/action-button'
import { ariaRole } from '../../../../lib/a11y'
import { call, toCloudError } from '../../../../services/cloud'

/** The holder of a seat: a member from this union's roster, or a named person who is not a member. */
export type Holder = { memberId: string; name: string } | { personName: string } | null

/**
 * 选择任职人员: search this union's roster (name, member number, phone) and pick a member; or keep
 * the typed name for someone who is not a member (e.g. the employer's representative).
 */
export function HolderPicker({ unionId, label, value, onChange, search = defaultSearch }: { unionId: string; label: string; value: Holder; onChange: (h: Holder) => void; search?: (unionId: string, query: string) => Promise<RosterItem[]> }) {
  const [query, setQuery] = useState('')
  const [found, setFound] = useState<RosterItem[] | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')

  const find = async () => {
    setBusy(true)
    setProblem('')
    try {
      setFound(await search(unionId, query.trim()))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  if (value) {
    return (
      <View className='committees__holder'>
        <Text className='committees__holder-name'>{'memberId' in value ? `${value.name}（会员）` : `${value.personName}（非会员）`}</Text>
        <ActionButton size='small' fill='none' onClick={() => onChange(null)}>
          重新选择
        </ActionButton>
      </View>
    )
  }
  return (
    <View className='committees__picker'>
      <Input className='committees__input' nativeProps={{ 'aria-label': `${label}新任人员姓名` }} placeholder='姓名、会员编号或手机号' value={query} maxLength={30} onChange={setQuery} />
      <View className='committees__buttons'>
        <ActionButton size='small' fill='outline' disabled={busy || !query.trim()} onClick={() => void find()}>
          从名册查找
        </ActionButton>
        <ActionButton size='small' fill='none' disabled={!query.trim()} onClick={() => onChange({ personName: query.trim() })}>
          非会员，按姓名登记
        </ActionButton>
      </View>
      {found && (
        <View {...ariaRole('list')} aria-label={`${label}名册查找结果`} className='committees__found'>
          {found.length === 0 && <Text className='muted'>名册中没有找到，可按姓名登记非会员。</Text>}
          {found.map((m) => (
            <View key={m.memberId} {...ariaRole('listitem')} aria-label={m.name} className='committees__found-item'>
              <Text className='committees__seat-text'>
                {m.name} · {m.memberNo} · {m.unitName}
              </Text>
              <ActionButton size='small' fill='none' aria-label={`选择 ${m.name}`} onClick={() => onChange({ memberId: m.memberId, name: m.name })}>
                选择
              </ActionButton>
            </View>
          ))}
        </View>
      )}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}

async function defaultSearch(unionId: string, query: string): Promise<RosterItem[]> {
  return (await call('membership.roster', { unionId, query, status: 'active', page: 1, pageSize: 8 })).items
}
