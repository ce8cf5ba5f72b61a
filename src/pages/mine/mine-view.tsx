import { Text, View } from '@tarojs/components'
import { Cell } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import type { MyRequests, MyStatus, SessionUser } from '@cloud/contract'
import { MY_STATUS_LABELS } from '@cloud/contract/membership/labels'
import { MeCard } from '../../components/me-card'
import { ariaRole, heading } from '../../lib/a11y'
import { isStaff } from '../../lib/org'

export interface MineViewProps {
  user: SessionUser
  unionNames: Record<string, string>
  onOpenWorkbench: () => void
  onLogout: () => void
  loggingOut?: boolean
  /** The caller's membership status (membership.myStatus); null while loading or unknown. */
  membership?: MyStatus | null
  /** Opens 入会进度 / 电子会员卡. */
  onOpenCard?: () => void
  /** Opens 会籍与个人信息 (transfer, leave, my data, corrections, deletion). */
  onOpenMembership?: () => void
  /** The state of my transfers and data requests (membership.myRequests); null while loading or unknown. */
  lifecycle?: MyRequests | null
  /** Opens 诉求与建议 (members). */
  onOpenRequests?: () => void
  /** The union's answers to my requests I have not opened yet (sum of request.mine's newReplies). */
  newReplies?: number
  /** Opens 我的消息 (the message centre). */
  onOpenMessages?: () => void
  /** Unread messages (notify.list's unread). */
  unreadMessages?: number
}

/** One line for the 会籍与个人信息 entry: what is pending, else what can be done there. */
export function lifecycleLine(requests: MyRequests | null | undefined): string {
  const transfer = requests?.transfers.find((t) => t.status === 'pending')
  if (transfer) return `转会待接收：转往“${transfer.toUnionName}”`
  const pending = requests?.requests.filter((r) => r.status === 'pending') ?? []
  if (pending.length) return `${pending.map((r) => (r.kind === 'deletion' ? '注销申请' : '更正申请')).join('、')}待工会处理`
  return '转会、退会、下载我的数据、申请更正或注销'
}

/** The 我的 page body: who I am, my membership (card or status), the staff workbench entry (staff only), and logout. */
export function MineView({ user, unionNames, onOpenWorkbench, onLogout, loggingOut = false, membership = null, onOpenCard, onOpenMembership, lifecycle = null, onOpenRequests, newReplies = 0, onOpenMessages, unreadMessages = 0 }: MineViewProps) {
  const isMember = membership?.status === 'member' || (!membership && Boolean(user.memberOf))
  const statusLine = membership ? MY_STATUS_LABELS[membership.status] + (membership.status === 'rejected' && membership.reason ? `（${membership.reason}）` : '') : ''
  return (
    <View className='mine'>
      <Text className='page-title' {...heading()}>
        我的
      </Text>
      <MeCard user={user} unionNames={unionNames} />
      {onOpenMessages && (
        <View className='mine__entry' {...ariaRole('button')} onClick={onOpenMessages}>
          <Cell title='我的消息' description={unreadMessages > 0 ? `${unreadMessages} 条未读` : '审核结果、活动提醒、诉求回复等'} extra='›' clickable />
        </View>
      )}
      {onOpenCard && (isMember || (membership && membership.status !== 'none')) && (
        <View className='mine__entry' {...ariaRole('button')} onClick={onOpenCard}>
          <Cell title={isMember ? '电子会员卡' : '入会进度'} description={isMember ? '出示会员二维码' : `入会状态：${statusLine}`} extra='›' clickable />
        </View>
      )}
      {onOpenMembership && (isMember || membership?.status === 'left' || Boolean(lifecycle?.member)) && (
        <View className='mine__entry' {...ariaRole('button')} onClick={onOpenMembership}>
          <Cell title='会籍与个人信息' description={lifecycleLine(lifecycle)} extra='›' clickable />
        </View>
      )}
      {onOpenRequests && isMember && (
        <View className='mine__entry' {...ariaRole('button')} onClick={onOpenRequests}>
          <Cell title='诉求与建议' description={newReplies > 0 ? `工会有 ${newReplies} 条新回复，点开查看` : '向工会反映问题或提建议，可匿名'} extra='›' clickable />
        </View>
      )}
      {isStaff(user) && (
        <View className='mine__entry' {...ariaRole('button')} onClick={onOpenWorkbench}>
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
