import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { InvitationInfo } from '@cloud/contract'
import { POSTER_CODE_TEXT } from '@cloud/contract/org/labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../../../components/action-button'
import { LoadProblem } from '../../components/load-problem'
import { ChoiceChips } from '../../../../components/choice-chips'
import { EmptyState } from '../../../../components/empty-state'
import { ariaRole, heading } from '../../../../lib/a11y'
import { qrImageSrc } from '../../../../lib/qr'
import { call, toCloudError } from '../../../../services/cloud'
import { UnionSwitch } from '../../components/union-switch'
import { CAN_MAKE_PNG_POSTER, CAN_SAVE_SVG, saveFile, svgPosterToPng } from '../../lib/files'
import { unitsOf } from '../../lib/membership-unions'
import { useMembershipUnion } from '../../lib/use-membership-union'
import './index.scss'
import { PrivacySheet } from '../../../../components/privacy-sheet'

const NO_UNIT = '__none__'
const EXPIRY = ['0', '7', '30', '90'] as const
const EXPIRY_LABELS: Record<(typeof EXPIRY)[number], string> = { '0': '长期有效', '7': '7 天', '30': '30 天', '90': '90 天' }
const STATE_LABELS: Record<InvitationInfo['state'], string> = { active: '可用', revoked: '已停用', expired: '已过期' }

/** The code shown on a card: the mini-program code when the host has WeChat credentials, else (or when WeChat fails) the link's QR. */
interface CardCode {
  src: string
  kind: 'miniProgram' | 'link'
  /** Why the link QR stands in for the mini-program code. */
  fallback?: string
}

/** One code: its QR or mini-program code, what it is for, and what can be done with it. */
function InviteCard({ inv, onChanged }: { inv: InvitationInfo; onChanged: () => void }) {
  const [code, setCode] = useState<CardCode | null>(null)
  const [busy, setBusy] = useState('')
  const [problem, setProblem] = useState('')
  const active = inv.state === 'active'
  useEffect(() => {
    if (!active) return
    let live = true
    const linkQr = async (fallback?: string): Promise<CardCode> => ({ src: await qrImageSrc(inv.url), kind: 'link', fallback })
    const load = async (): Promise<CardCode> => {
      if (inv.posterCode !== 'miniProgram') return linkQr()
      try {
        // The host keeps the invitation's code: asked of WeChat once, then served from the database.
        const r = await call('org.invitePoster', { invitationId: inv.id, format: 'png' })
        if (r.codeKind === 'miniProgram') return { src: `data:${r.mimeType};base64,${r.base64}`, kind: 'miniProgram' }
        return linkQr(r.wechatFallback?.message)
      } catch (thrown) {
        return linkQr(toCloudError(thrown).message)
      }
    }
    load()
      .then((c) => live && setCode(c))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [inv.id, inv.url, inv.posterCode, active])

  async function run(key: string, step: () => Promise<void>): Promise<void> {
    setBusy(key)
    setProblem('')
    try {
      await step()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy('')
    }
  }

  const title = inv.label ?? inv.unitName ?? '本工会通用'
  return (
    <View {...ariaRole('listitem')} aria-label={title} className={`invites__item invites__item--${inv.state}`}>
      <View className='invites__head'>
        <Text className='invites__name'>{title}</Text>
        <Text className={`invites__state invites__state--${inv.state}`}>{STATE_LABELS[inv.state]}</Text>
      </View>
      <Text className='invites__line'>
        {inv.unitName ? `指定单位：${inv.unitName}` : '不指定单位（职工自选）'} · 已有 {inv.applications} 人申请
      </Text>
      <Text className='invites__line muted'>
        {chinaDate(new Date(inv.createdAt))} 生成 · {inv.expiresAt ? `有效期至 ${chinaDate(new Date(inv.expiresAt))}` : '长期有效'}
      </Text>
      {inv.state === 'active' && (
        <>
          <View className='invites__qr'>
            {code ? (
              <Image className='invites__qr-image' src={code.src} {...ariaRole('img')} aria-label={`${title}的入会${code.kind === 'miniProgram' ? '小程序码' : '二维码'}`} nativeProps={{ alt: '' }} />
            ) : (
              <View className='invites__qr-image' />
            )}
            {code && <Text className='invites__qr-caption'>{POSTER_CODE_TEXT[code.kind].caption}</Text>}
            {code?.fallback && <Text className='invites__line muted'>{code.fallback}</Text>}
          </View>
          <View className='invites__actions'>
            {CAN_SAVE_SVG && (
              <ActionButton size='small' loading={busy === 'svg'} onClick={() => void run('svg', async () => saveFile(await call('org.invitePoster', { invitationId: inv.id, format: 'svg' })))}>
                下载海报 SVG
              </ActionButton>
            )}
            {CAN_MAKE_PNG_POSTER && (
              <ActionButton
                size='small'
                loading={busy === 'poster-png'}
                onClick={() =>
                  void run('poster-png', async () => {
                    const png = await svgPosterToPng(await call('org.invitePoster', { invitationId: inv.id, format: 'svg' }))
                    if (png) await saveFile(png)
                  })
                }
              >
                下载海报 PNG
              </ActionButton>
            )}
            <ActionButton size='small' loading={busy === 'png'} onClick={() => void run('png', async () => saveFile(await call('org.invitePoster', { invitationId: inv.id, format: 'png' })))}>
              {code?.kind === 'miniProgram' ? '小程序码图片' : '二维码图片'}
            </ActionButton>
            <ActionButton size='small' onClick={() => void Taro.setClipboardData({ data: inv.url })}>
              复制链接
            </ActionButton>
            <ActionButton
              size='small'
              fill='none'
              aria-label={`停用 ${title}`}
              loading={busy === 'revoke'}
              onClick={() =>
                void run('revoke', async () => {
                  await call('org.revokeInvite', { invitationId: inv.id })
                  onChanged()
                })
              }
            >
              停用
            </ActionButton>
          </View>
        </>
      )}
      {problem && (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      )}
    </View>
  )
}

/** 入会二维码: make codes (per union, or per unit so the employer is filled in), print posters, stop codes. */
export default function InvitesPage() {
  const { union, unions, setUnionId, tree, notAllowed, error, reload } = useMembershipUnion()
  const [items, setItems] = useState<InvitationInfo[] | null>(null)
  const [unitId, setUnitId] = useState(NO_UNIT)
  const [expiry, setExpiry] = useState<(typeof EXPIRY)[number]>('0')
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState('')
  /** What WeChat could not do for the new code (it works all the same, with its H5 link). */
  const [wechatNote, setWechatNote] = useState('')
  const units = useMemo(() => (tree && union ? unitsOf(tree, union.id) : []), [tree, union])

  const load = useCallback(async () => {
    if (!union) return
    setProblem('')
    try {
      setItems((await call('org.listInvites', { unionId: union.id })).items)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    }
  }, [union])

  useEffect(() => {
    setItems(null)
    setUnitId(NO_UNIT)
    void load()
  }, [load])

  async function create(): Promise<void> {
    if (!union) return
    setBusy(true)
    setProblem('')
    setWechatNote('')
    try {
      const made = await call('org.invite', {
        unionId: union.id,
        unitId: unitId === NO_UNIT ? undefined : unitId,
        expiresInDays: expiry === '0' ? undefined : Number(expiry),
        label: label.trim() || undefined,
      })
      setLabel('')
      if (made.wechatFallback) setWechatNote(`二维码已生成。${made.wechatFallback.message}`)
      await load()
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page invites'>
      <PrivacySheet />
      <Text className='page-title' {...heading()}>
        入会二维码
      </Text>
      {notAllowed ? (
        <Text className='muted' {...ariaRole('alert')}>
          只有工会干部可以管理入会二维码。
        </Text>
      ) : (
        <>
          <UnionSwitch unions={unions} value={union?.id ?? ''} onChange={setUnionId} />
          <View className='invites__form' aria-label='生成入会二维码'>
            <Text className='invites__form-title'>生成新的二维码</Text>
            <Text className='invites__label'>适用单位（指定后职工无需再选单位）</Text>
            <ChoiceChips
              label='适用单位'
              options={[NO_UNIT, ...units.map((u) => u.id)]}
              display={(id) => (id === NO_UNIT ? '不指定' : units.find((u) => u.id === id)?.name ?? id)}
              value={unitId}
              onChange={setUnitId}
            />
            <Text className='invites__label'>有效期</Text>
            <ChoiceChips label='有效期' options={EXPIRY} display={(e) => EXPIRY_LABELS[e]} value={expiry} onChange={setExpiry} />
            <Text className='invites__label'>张贴位置（备注，可不填）</Text>
            <Input className='invites__input' nativeProps={{ 'aria-label': '张贴位置' }} placeholder='如：员工休息室' value={label} maxLength={30} onChange={setLabel} />
            <ActionButton type='primary' block loading={busy} onClick={() => void create()}>
              生成二维码
            </ActionButton>
            {wechatNote && (
              <Text className='invites__line muted' {...ariaRole('status')}>
                {wechatNote}
              </Text>
            )}
          </View>
          {items === null ? (
            !problem && <Text className='muted'>正在加载…</Text>
          ) : items.length === 0 ? (
            <EmptyState title='还没有入会二维码' description='生成后可下载海报张贴在单位里。' />
          ) : (
            <View {...ariaRole('list')} aria-label='入会二维码' className='invites__list'>
              {items.map((inv) => (
                <InviteCard key={inv.id} inv={inv} onChanged={() => void load()} />
              ))}
            </View>
          )}
        </>
      )}
      {(problem || error) && (
        <LoadProblem message={problem || error?.message || ''} onRetry={() => (error ? reload() : void load())} />
      )}
    </View>
  )
}
