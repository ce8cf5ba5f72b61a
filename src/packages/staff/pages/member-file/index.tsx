import { useCallback, useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { MemberAttachmentInfo, MemberFileResult } from '@cloud/contract'
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS, type AttachmentKind } from '@cloud/contract/membership/member-file.labels'
import { MEMBER_STATUS_LABELS } from '@cloud/contract/membership/labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../../../components/action-button'
import { ChoiceChips } from '../../../../components/choice-chips'
import { StepFeedback } from '../../../../components/step-feedback'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { fileSizeText } from '../../../../lib/format'
import { call, toCloudError } from '../../../../services/cloud'
import { pickUpload, saveFile } from '../../lib/files'
import { AttachmentMeta } from './attachment-meta'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

/**
 * 一人一档 of one member (`?memberId=…`), opened from the roster: the record (numbers masked), the
 * application on file, and the attachments (学历、职称、荣誉证书、健康证明: images or PDF) with upload,
 * open and remove. Only that union's staff and chair see it (others get 找不到该会员).
 */
export default function MemberFilePage() {
  useSession()
  const { params } = useRouter()
  const memberId = params.memberId ? decodeURIComponent(params.memberId) : ''
  const [file, setFile] = useState<MemberFileResult | null>(null)
  const [kind, setKind] = useState<AttachmentKind | ''>('')
  const [busy, setBusy] = useState('')
  const [preview, setPreview] = useState<{ id: string; src: string } | null>(null)
  const [message, setMessage] = useState('')
  const [problem, setProblem] = useState('')

  const load = useCallback(async () => {
    if (!memberId) return
    try {
      setFile(await call('membership.memberFile', { memberId }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [memberId])

  useEffect(() => {
    void load()
  }, [load])

  async function upload(): Promise<void> {
    if (!file) return
    setProblem('')
    setMessage('')
    if (!kind) {
      setProblem('请先选择材料类型')
      return
    }
    try {
      const picked = await pickUpload('document')
      if (!picked) return
      if (picked.size > file.limits.maxBytes) {
        setProblem(`文件不能超过 ${fileSizeText(file.limits.maxBytes)}，请压缩后再上传`)
        return
      }
      setBusy('upload')
      const r = await call('membership.attach', { memberId, kind, fileName: picked.name, base64: picked.base64 })
      setMessage(`已上传 ${r.attachment.fileName}（${r.attachment.kindLabel}）`)
      setKind('')
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  async function open(a: MemberAttachmentInfo): Promise<void> {
    setProblem('')
    setBusy(`open:${a.id}`)
    try {
      const d = await call('membership.attachment', { attachmentId: a.id })
      if (d.mimeType.startsWith('image/')) setPreview({ id: a.id, src: `data:${d.mimeType};base64,${d.base64}` })
      else await saveFile(d)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  async function download(a: MemberAttachmentInfo): Promise<void> {
    setProblem('')
    try {
      await saveFile(await call('membership.attachment', { attachmentId: a.id }))
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }

  async function remove(a: MemberAttachmentInfo): Promise<void> {
    setProblem('')
    setBusy(`remove:${a.id}`)
    try {
      await call('membership.removeAttachment', { attachmentId: a.id })
      setMessage(`已删除 ${a.fileName}`)
      if (preview?.id === a.id) setPreview(null)
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  const m = file?.member
  return (
    <View className='page member-file'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        一人一档{m ? ` · ${m.name}` : ''}
      </Text>
      {m && file && (
        <>
          <View className='member-file__card' aria-label='会员信息'>
            <Text className='member-file__line'>
              {m.memberNo} · {MEMBER_STATUS_LABELS[m.status]} · {m.unionName}
            </Text>
            <Text className='member-file__line'>
              {m.gender === 'male' ? '男' : '女'} · {m.ethnicity} · 出生 {m.birthDate}
            </Text>
            <Text className='member-file__line'>身份证 {m.idNumberMasked} · 手机 {m.phoneMasked}</Text>
            <Text className='member-file__line'>
              {m.unitName} · {m.job}
            </Text>
            <Text className='member-file__line'>
              {m.education} · {m.politicalStatus} · {m.householdType}
            </Text>
            <Text className='member-file__line muted'>
              入会 {chinaDate(new Date(m.joinedAt))}
              {m.leftAt ? ` · 退会 ${chinaDate(new Date(m.leftAt))}（${m.leftReason ?? ''}）` : ''}
            </Text>
          </View>

          <Text className='member-file__section'>入会申请</Text>
          <View className='member-file__card' aria-label='入会申请'>
            {file.application ? (
              <>
                <Text className='member-file__line'>提交于 {chinaDate(new Date(file.application.createdAt))} · 同意个人信息授权（{file.application.consentVersion}）</Text>
                <Text className='member-file__line'>
                  {file.application.reviewedAt ? `${file.application.reviewedBy ?? ''} 于 ${chinaDate(new Date(file.application.reviewedAt))} 审核通过` : '待审核'}
                </Text>
              </>
            ) : (
              <Text className='member-file__line muted'>无在线入会申请</Text>
            )}
            {file.missing.map((x) => (
              <Text key={x} className='member-file__missing'>
                {x}
              </Text>
            ))}
          </View>

          <Text className='member-file__section'>
            附件 {file.attachments.length}/{file.limits.maxCount}
          </Text>
          {file.attachments.length === 0 && <Text className='muted'>还没有附件。可上传学历、职称、荣誉证书和健康证明。</Text>}
          <View {...ariaRole('list')} aria-label='附件' className='member-file__list'>
            {file.attachments.map((a) => (
              <View key={a.id} {...ariaRole('listitem')} aria-label={a.fileName} className='member-file__item'>
                <Text className='member-file__name'>
                  {a.kindLabel} · {a.fileName}
                </Text>
                <AttachmentMeta attachment={a} />
                {preview?.id === a.id && <Image className='member-file__preview' src={preview.src} mode='widthFix' aria-label={`${a.fileName}预览`} />}
                <View className='member-file__actions'>
                  <ActionButton size='small' fill='none' loading={busy === `open:${a.id}`} aria-label={`${a.mimeType === 'application/pdf' ? '打开' : '查看'} ${a.fileName}`} onClick={() => void open(a)}>
                    {a.mimeType === 'application/pdf' ? '打开' : '查看'}
                  </ActionButton>
                  <ActionButton size='small' fill='none' aria-label={`下载 ${a.fileName}`} onClick={() => void download(a)}>
                    下载
                  </ActionButton>
                  <ActionButton size='small' fill='none' loading={busy === `remove:${a.id}`} aria-label={`删除 ${a.fileName}`} onClick={() => void remove(a)}>
                    删除
                  </ActionButton>
                </View>
              </View>
            ))}
          </View>

          {m.status === 'active' && file.attachments.length < file.limits.maxCount && (
            <View className='member-file__upload'>
              <Text className='member-file__section'>上传附件（图片或 PDF，不超过 {fileSizeText(file.limits.maxBytes)}）</Text>
              <ChoiceChips label='材料类型' options={ATTACHMENT_KINDS} value={kind} onChange={setKind} display={(k) => ATTACHMENT_KIND_LABELS[k]} />
              <ActionButton type='primary' loading={busy === 'upload'} disabled={busy !== ''} onClick={() => void upload()}>
                选择文件并上传
              </ActionButton>
            </View>
          )}
        </>
      )}
      {!file && !problem && <Text className='muted'>{memberId ? '正在加载…' : '未指定会员'}</Text>}
      <StepFeedback message={message} messageClassName='member-file__message' problem={problem} />
    </View>
  )
}
