import { Text } from '@tarojs/components'
import type { MemberAttachmentInfo } from '@cloud/contract'
import { chinaDay, fileSizeText } from '../../../../lib/format'

/**
 * Under an attachment's name on 一人一档: a 会员本人上传 tag when the member added it from 我的档案
 * (they may remove it themself), then type, size, who uploaded it and when.
 */
export function AttachmentMeta({ attachment: a }: { attachment: MemberAttachmentInfo }) {
  return (
    <>
      {a.uploadedByMember && <Text className='member-file__tag'>会员本人上传</Text>}
      <Text className='member-file__line muted'>
        {a.mimeType === 'application/pdf' ? 'PDF' : '图片'} · {fileSizeText(a.sizeBytes)} · {a.uploadedByMember ? '会员本人' : a.uploadedBy} 上传于 {chinaDay(a.createdAt)}
      </Text>
    </>
  )
}
