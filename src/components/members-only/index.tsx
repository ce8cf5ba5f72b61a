import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { CARD_PAGE } from '../../lib/routes'
import type { CloudError } from '../../services/cloud-error'
import { ActionButton } from '../action-button'
import './index.scss'

/** Refusals that mean "this is for the union's members" (a shared notice or activity opened by someone else). */
const MEMBERS_ONLY = ['not_found', 'forbidden', 'not_member']

/**
 * Under the refusal of a page only members may read — typically a notice or activity shared to a
 * chat and opened by a worker who has not joined: says so, and leads to 入会 (the card page, which
 * offers scanning the union's invitation code to a worker who is not a member).
 */
export function MembersOnlyHint({ error }: { error: CloudError | null }) {
  if (!error || !MEMBERS_ONLY.includes(error.reason)) return null
  return (
    <View className='members-only'>
      <Text className='members-only__text'>经费公示和工会活动只对本会会员开放。还不是会员？扫描所在单位工会的入会二维码即可申请。</Text>
      <ActionButton size='small' type='primary' onClick={() => void Taro.navigateTo({ url: CARD_PAGE })}>
        去入会
      </ActionButton>
    </View>
  )
}
