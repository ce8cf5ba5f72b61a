import { render, screen } from '@testing-library/react'
import { buildMemberAttachment } from '../../../../../tests/ui/factories'
import { AttachmentMeta } from './attachment-meta'

it('marks what the member uploaded themself 会员本人上传', () => {
  render(<AttachmentMeta attachment={buildMemberAttachment({ mimeType: 'application/pdf', sizeBytes: 200 * 1024, uploadedBy: '会员本人', uploadedByMember: true })} />)
  expect(screen.getByText('会员本人上传')).toBeTruthy()
  expect(screen.getByText('PDF · 200 KB · 会员本人 上传于 2026-11-25')).toBeTruthy()
})

it('names the staffer for the union\'s uploads, without the tag', () => {
  render(<AttachmentMeta attachment={buildMemberAttachment({ kind: 'diploma', kindLabel: '学历证书', fileName: '毕业证书.png', sizeBytes: 1536 * 1024 })} />)
  expect(screen.queryByText('会员本人上传')).toBeNull()
  expect(screen.getByText('图片 · 1.5 MB · 青山饭店工会干部 上传于 2026-11-25')).toBeTruthy()
})
