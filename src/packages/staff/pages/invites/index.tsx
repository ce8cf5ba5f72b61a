import { useCallback, useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { InvitationInfo } from '@cloud/contract'
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

/** One code: its QR, what it is for, and what can be done with it. */
function InviteCard({ inv, onChanged }: { inv: InvitationInfo; onChanged: () => void }) {
  const [src, setSrc] = useState('')
  const [busy, setBusy] = useState('')
  const [problem, setProblem] = useState('')
  useEffect(() => {
    let live = true
    qrImageSrc(inv.url)
      .then((s) => live && setSrc(s))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [inv.url])

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
          <View className='invites__qr'>{src ? <Image className='invites__qr-image' src={src} {...ariaRole('img')} aria-label={`${title}的入会二维码`} /> : <View className='invites__qr-image' />}</View>
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
              二维码图片
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
    try {
      await call('org.invite', {
        unionId: union.id,
        unitId: unitId === NO_UNIT ? undefined : unitId,
        expiresInDays: expiry === '0' ? undefined : Number(expiry),
        label: label.trim() || undefined,
      })
      setLabel('')
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
