import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { MyAttachmentInfo, MyFileResult } from '@cloud/contract'
import { ATTACHMENT_KIND_LABELS, MEMBER_UPLOAD_KINDS, type MemberUploadKind } from '@cloud/contract/membership/member-file.labels'
import { ActionButton } from '../../components/action-button'
import { ChoiceChips } from '../../components/choice-chips'
import { StepFeedback } from '../../components/step-feedback'
import { ariaRole } from '../../lib/a11y'
import { chinaDay, fileSizeText } from '../../lib/format'

export interface MyFileViewProps {
  /** membership.myFile; null while loading. */
  file: MyFileResult | null
  /** Which step is running: `upload`, `open:<id>`, `download:<id>`, `remove:<id>`. */
  busy?: string
  /** A success line, e.g. 已上传. */
  message?: string
  /** The server's refusal for the last step. */
  problem?: string
  /** An image attachment shown inline (a data URI). */
  preview?: { id: string; src: string } | null
  onUpload: (kind: MemberUploadKind) => void
  /** 查看 an image inline. */
  onOpen: (a: MyAttachmentInfo) => void
  /** 下载 (a PDF opens in the reader on WeChat). */
  onDownload: (a: MyAttachmentInfo) => void
  onRemove: (a: MyAttachmentInfo) => void
}

const isPdf = (a: MyAttachmentInfo) => a.mimeType === 'application/pdf'

/**
 * One true sentence about the file (issue 18 item 6): it is complete (memberFileComplete) when the
 * application is on file or an attachment is, so a complete file without attachments holds the
 * application, which is not listed as an attachment.
 */
export function fileSummary(file: Pick<MyFileResult, 'complete' | 'attachments'>): string {
  if (file.complete) return file.attachments.length ? '档案已齐全。' : '档案已齐全：你的入会申请已存档，还可以上传学历或职称证书等材料。'
  return file.attachments.length ? '档案还不齐全：可上传入会登记表、学历或职称证书等材料。' : '档案中还没有材料：可上传入会登记表、学历或职称证书等材料。'
}

/**
 * 我的档案 (the member's own 一人一档): what is on file, who put it there (本人 or 工会), whether
 * the file is complete; upload a certificate (pick the kind first) and remove one's own uploads
 * after confirming. The union's uploads can only be seen and downloaded.
 */
export function MyFileView({ file, busy = '', message, problem, preview, onUpload, onOpen, onDownload, onRemove }: MyFileViewProps) {
  const [kind, setKind] = useState<MemberUploadKind | ''>('')
  const [kindMissing, setKindMissing] = useState(false)
  const [confirming, setConfirming] = useState('')

  function upload(): void {
    if (!kind) return setKindMissing(true)
    setKindMissing(false)
    onUpload(kind)
  }

  return (
    <View className='membership__box' {...ariaRole('region')} aria-label='我的档案'>
      <Text className='membership__section'>我的档案</Text>
      {file === null ? (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      ) : (
        <>
          <Text className='membership__line muted'>
            {file.unionName}为你建立的会员档案（一人一档）。{fileSummary(file)}
          </Text>
          {file.attachments.length > 0 && (
            <View {...ariaRole('list')} aria-label='档案材料' className='my-file__list'>
              {file.attachments.map((a) => (
                <View key={a.id} {...ariaRole('listitem')} aria-label={a.fileName} className='my-file__item'>
                  <Text className='my-file__name'>
                    {a.kindLabel} · {a.fileName}
                  </Text>
                  <Text className='membership__line muted'>
                    {isPdf(a) ? 'PDF' : '图片'} · {fileSizeText(a.sizeBytes)} · {a.uploadedBy === 'self' ? '本人' : '工会'}上传于 {chinaDay(a.createdAt)}
                  </Text>
                  {preview?.id === a.id && <Image className='my-file__preview' src={preview.src} mode='widthFix' aria-label={`${a.fileName}预览`} />}
                  <View className='membership__actions'>
                    {!isPdf(a) && (
                      <ActionButton size='small' fill='none' loading={busy === `open:${a.id}`} aria-label={`查看 ${a.fileName}`} onClick={() => onOpen(a)}>
                        查看
                      </ActionButton>
                    )}
                    <ActionButton size='small' fill='none' loading={busy === `download:${a.id}`} aria-label={`下载 ${a.fileName}`} onClick={() => onDownload(a)}>
                      {isPdf(a) ? '打开' : '下载'}
                    </ActionButton>
                    {a.uploadedBy === 'self' && confirming !== a.id && (
                      <ActionButton size='small' fill='none' aria-label={`删除 ${a.fileName}`} onClick={() => setConfirming(a.id)}>
                        删除
                      </ActionButton>
                    )}
                    {a.uploadedBy === 'self' && confirming === a.id && (
                      <>
                        <ActionButton size='small' fill='none' onClick={() => setConfirming('')}>
                          取消
                        </ActionButton>
                        <ActionButton
                          size='small'
                          type='danger'
                          loading={busy === `remove:${a.id}`}
                          aria-label={`确定删除 ${a.fileName}`}
                          onClick={() => {
                            setConfirming('')
                            onRemove(a)
                          }}
                        >
                          确定删除
                        </ActionButton>
                      </>
                    )}
                  </View>
                  {a.uploadedBy === 'union' && <Text className='membership__line muted'>工会上传的材料如需删除，请联系工会。</Text>}
                </View>
              ))}
            </View>
          )}
          {file.attachments.length < file.limits.maxCount ? (
            <View className='my-file__upload' role='form' aria-label='上传材料'>
              <Text className='membership__line'>上传材料（JPG、PNG、WebP 图片或 PDF，不超过 {fileSizeText(file.limits.maxBytes)}）</Text>
              <ChoiceChips
                label='材料类型'
                options={MEMBER_UPLOAD_KINDS}
                value={kind}
                invalid={kindMissing}
                onChange={(k) => {
                  setKind(k)
                  setKindMissing(false)
                }}
                display={(k) => ATTACHMENT_KIND_LABELS[k]}
              />
              {kindMissing && (
                <Text className='error-text' {...ariaRole('alert')}>
                  请先选择材料类型
                </Text>
              )}
              <ActionButton type='primary' loading={busy === 'upload'} disabled={busy !== ''} onClick={upload}>
                上传材料
              </ActionButton>
            </View>
          ) : (
            <Text className='membership__line muted'>档案材料已达 {file.limits.maxCount} 个上限，请先删除不需要的材料。</Text>
          )}
        </>
      )}
      <StepFeedback message={message} messageClassName='membership__line' problem={problem} />
    </View>
  )
}
