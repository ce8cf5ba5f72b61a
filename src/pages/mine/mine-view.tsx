import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import type { SessionUser } from '@cloud/contract'
import { MeCard } from '../../components/me-card'
import { ariaRole, heading } from '../../lib/a11y'
import { isStaff } from '../../lib/org'

export interface MineViewProps {
  user: SessionUser
  unionNames: Record<string, string>
  onOpenWorkbench: () => void
  onLogout: () => void
  loggingOut?: boolean
}

/** The 我的 page body: who I am, the staff workbench entry (staff only), and logout. */
export function MineView({ user, unionNames, onOpenWorkbench, onLogout, loggingOut = false }: MineViewProps) {
  return (
    <View className='mine'>
      <Text className='page-title' {...heading()}>
        我的
      </Text>
      <MeCard user={user} unionNames={unionNames} />
      {isStaff(user) && (
        <View className='mine__entry' {...ariaRole('button')} aria-label='工作台' onClick={onOpenWorkbench}>
          <Cell title='工作台' description='我的职务与本工会组织架构' extra='›' clickable />
        </View>
      )}
      <View className='mine__logout'>
        <ActionButton block loading={loggingOut} onClick={onLogout}>
          退出登录
        </ActionButton>
      </View>
    </View>
  )
}
