import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import type { SessionUser } from '@cloud/contract'
import { roleLines } from '../../lib/org'
import './index.scss'

export interface MeCardProps {
  user: SessionUser
  /** union id → name (from org.tree), to name the union of each role. */
  unionNames: Record<string, string>
}

/** Who is logged in: name, membership (会员编号) and roles (工会角色) with their unions. */
export function MeCard({ user, unionNames }: MeCardProps) {
  const lines = roleLines(user, unionNames)
  return (
    <View className='me-card'>
      <Text className='me-card__name'>{user.displayName}</Text>
      {user.memberOf ? (
        <View className='me-card__member'>
          <Text className='me-card__line'>会员 · {user.memberOf.unionName}</Text>
          <Text className='me-card__line'>会员编号：{user.memberOf.memberNo}</Text>
        </View>
      ) : (
        lines.length === 0 && <Text className='me-card__line muted'>尚未入会</Text>
      )}
      {lines.length > 0 && (
        <View className='me-card__roles'>
          {lines.map((line) => (
            <View className='me-card__role' key={line.key}>
              <Tag type='primary' className='me-card__tag'>
                {line.label}
              </Tag>
              <Text className='me-card__union'>{line.unionName || '（未知工会）'}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
