import { Text, View } from '@tarojs/components'
import { ChoiceChips } from '../../../../components/choice-chips'
import type { MembershipUnion } from '../../lib/membership-unions'
import './index.scss'

/** Which union the page shows, when the user works for more than one. */
export function UnionSwitch({ unions, value, onChange }: { unions: MembershipUnion[]; value: string; onChange: (id: string) => void }) {
  if (unions.length <= 1) return unions[0] ? <Text className='union-switch__single'>{unions[0].name}</Text> : null
  return (
    <View className='union-switch'>
      <ChoiceChips label='工会' options={unions.map((u) => u.id)} display={(id) => unions.find((u) => u.id === id)?.name ?? id} value={value} onChange={onChange} />
    </View>
  )
}
