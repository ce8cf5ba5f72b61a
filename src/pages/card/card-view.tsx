import { Image, Text, View } from '@tarojs/components'
import type { MemberCard, MyStatus } from '@cloud/contract'
import { MY_STATUS_LABELS } from '@cloud/contract/membership/labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import './card-view.scss'

export interface MemberCardViewProps {
  card: MemberCard
  /** The member QR as an image source; empty while it is drawn. */
  qrSrc: string
  /** Seconds until the QR is renewed (shown so people trust an old screenshot less). */
  secondsLeft: number
}

/** 电子会员卡: who, which union, member number, join date, and the short-lived member QR. */
export function MemberCardView({ card, qrSrc, secondsLeft }: MemberCardViewProps) {
  return (
    <View className='member-card'>
      <View className='member-card__face' aria-label='电子会员卡'>
        <Text className='member-card__industry'>{card.industryName ?? '工会会员'}</Text>
        <Text className='member-card__union'>{card.unionName}</Text>
        <Text className='member-card__name' {...heading()}>
          {card.name}
        </Text>
        <View className='member-card__rows'>
          <Text className='member-card__row'>会员编号：{card.memberNo}</Text>
          <Text className='member-card__row'>入会日期：{chinaDate(new Date(card.joinedAt))}</Text>
          {card.unitName && <Text className='member-card__row'>工作单位：{card.unitName}</Text>}
        </View>
      </View>
      <View className='member-card__qr'>
        {/* The wrapper is the image for screen readers (role img, named); the <img> inside it is decorative (alt ''). */}
        {qrSrc ? <Image className='member-card__qr-image' src={qrSrc} {...ariaRole('img')} aria-label='会员二维码' nativeProps={{ alt: '' }} /> : <View className='member-card__qr-image' />}
        <Text className='member-card__qr-note' {...ariaRole('status')}>
          {secondsLeft > 0 ? `出示给工会工作人员扫码 · ${secondsLeft} 秒后自动更新` : '正在更新二维码…'}
        </Text>
      </View>
    </View>
  )
}

export interface StatusViewProps {
  status: MyStatus
  onScan?: () => void
}

const TITLES: Record<MyStatus['status'], string> = {
  none: '尚未入会',
  pending: '入会申请审核中',
  member: '已入会',
  rejected: '入会申请未通过',
  left: '已退会',
}

/** 入会进度 for a worker who has no card (yet). */
export function StatusView({ status, onScan }: StatusViewProps) {
  return (
    <View className='status-card'>
      <Text className='status-card__badge'>{MY_STATUS_LABELS[status.status]}</Text>
      <Text className='status-card__title' {...heading()}>
        {TITLES[status.status]}
      </Text>
      {status.status === 'pending' && (
        <Text className='status-card__text'>
          {`你的申请已交“${status.unionName ?? '工会'}”审核${status.submittedAt ? `（${chinaDate(new Date(status.submittedAt))} 提交）` : ''}。审核通过后，这里会显示你的电子会员卡。`}
        </Text>
      )}
      {status.status === 'rejected' && (
        <>
          <Text className='status-card__text' {...ariaRole('alert')}>
            原因：{status.reason ?? '未说明'}
          </Text>
          <Text className='status-card__text'>如有疑问请联系工会；需要重新申请时，再次扫描工会的入会二维码即可。</Text>
        </>
      )}
      {status.status === 'left' && <Text className='status-card__text'>{`你已退出“${status.unionName ?? '工会'}”。需要重新入会时，扫描工会的入会二维码即可。`}</Text>}
      {status.status === 'none' && (
        <Text className='status-card__text'>请用微信或手机相机扫描工会张贴的“入会二维码”，按提示填写并提交申请，工会审核通过后即可使用电子会员卡。</Text>
      )}
      {onScan && (status.status === 'none' || status.status === 'rejected' || status.status === 'left') && (
        <ActionButton type='primary' block onClick={onScan}>
          扫码入会
        </ActionButton>
      )}
    </View>
  )
}
