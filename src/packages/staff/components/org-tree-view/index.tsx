import { Text, View } from '@tarojs/components'
import type { OrgTree, UnitNode } from '@cloud/contract'
import { employeeCount } from '../../../../lib/org'
import './index.scss'

function UnitList({ units }: { units: UnitNode[] }) {
  if (units.length === 0) return <Text className='org-tree__empty'>暂无会员单位</Text>
  return (
    <View className='org-tree__units'>
      {units.map((unit) => (
        <View className='org-tree__unit' key={unit.id}>
          <Text className='org-tree__unit-name'>{unit.name}</Text>
          <Text className='org-tree__unit-count'>职工 {unit.employees} 人</Text>
        </View>
      ))}
    </View>
  )
}

/** The organisation tree (组织架构): industry union → base unions → member units, plus direct units. */
export function OrgTreeView({ tree }: { tree: OrgTree }) {
  const allUnits = [...tree.baseUnions.flatMap((b) => b.units), ...tree.directUnits]
  return (
    <View className='org-tree'>
      <View className='org-tree__root'>
        <Text className='org-tree__root-name'>{tree.name}</Text>
        {tree.upperUnionName && <Text className='org-tree__meta'>上级工会：{tree.upperUnionName}</Text>}
        <Text className='org-tree__meta'>
          基层工会 {tree.baseUnions.length} 个 · 会员单位 {allUnits.length} 家 · 职工 {employeeCount(allUnits)} 人
        </Text>
      </View>

      {tree.baseUnions.map((base) => (
        <View className='org-tree__group' key={base.id}>
          <View className='org-tree__group-head'>
            <Text className='org-tree__group-name'>{base.name}</Text>
            <Text className='org-tree__meta'>
              {base.units.length} 家单位 · 职工 {employeeCount(base.units)} 人
            </Text>
          </View>
          <UnitList units={base.units} />
        </View>
      ))}

      <View className='org-tree__group'>
        <View className='org-tree__group-head'>
          <Text className='org-tree__group-name'>直属会员单位</Text>
          <Text className='org-tree__meta'>未建基层工会，职工直接加入行业工会</Text>
        </View>
        <UnitList units={tree.directUnits} />
      </View>
    </View>
  )
}
