import { askToSubscribe } from '../../lib/subscribe'
import { useEffect, useLayoutEffect, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro, { useDidHide } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { ApplyResult, InviteInfo, JoinUrlLink, MyStatus } from '@cloud/contract'
import type { ApplyField } from '@cloud/contract/membership/apply-form'
import { CONSENT_PARAGRAPHS, CONSENT_TITLE, CONSENT_VERSION, MY_STATUS_LABELS } from '@cloud/contract/membership/labels'
import { chinaDate } from '@cloud/domain/time'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import { removeJoinFirstPaint, takeFirstPaintAgreement } from '../../lib/first-paint'
import { inviteTokenFromParams, joinPath } from '../../lib/join-link'
import { CARD_PAGE, HOME_TAB } from '../../lib/routes'
import { call, toCloudError, type CloudError } from '../../services/cloud'
import { ensureJoinSession } from '../../services/join-session'
import { clearSessionToken, goToLogin } from '../../services/session'
import type { JoinFormErrors, JoinFormValues } from './join-form'
import { LazyJoinForm, preloadJoinForm } from './lazy-form'
import { WechatOffer } from './wechat-offer'
import './index.scss'

/**
 * The join page's steps:
 *   loading → invalid (bad or stopped code)
 *   loading → status (already applied or a member: nothing to fill in)
 *   loading → consent (who you join and why; the ID-number consent) → form → done
 *   loading → consent → wechat (production H5 without a session: 在微信中打开 the mini-program)
 */
type Step = 'loading' | 'invalid' | 'status' | 'consent' | 'form' | 'done' | 'wechat'

function token(): string {
  return inviteTokenFromParams(Taro.getCurrentInstance().router?.params ?? {})
}

export default function JoinPage() {
  const [step, setStep] = useState<Step>('loading')
  const [invite, setInvite] = useState<InviteInfo | null>(null)
  const [status, setStatus] = useState<MyStatus | null>(null)
  const [problem, setProblem] = useState<CloudError | null>(null)
  const [busy, setBusy] = useState(false)
  const [serverErrors, setServerErrors] = useState<JoinFormErrors>({})
  const [formError, setFormError] = useState('')
  const [result, setResult] = useState<ApplyResult | null>(null)
  const [wechatLink, setWechatLink] = useState<JoinUrlLink | null>(null)

  async function load(): Promise<void> {
    const t = token()
    setStep('loading')
    setProblem(null)
    if (!t) {
      setStep('invalid')
      return
    }
    try {
      // Both at once. The invitation alone decides what to show first (who you join, the consent
      // text): most people who scan a code are not members yet, so the consent screen appears
      // without waiting for the silent login and the status behind it; an application already
      // pending or a membership then replaces it.
      const mineCall = myStatus(t)
      mineCall.catch(() => undefined) // handled below, after the invitation
      const info = await call('membership.resolveInvite', { token: t }, { anonymous: true })
      setInvite(info)
      // A tap on the static 同意并填写 (H5, before the app ran) goes straight on to the form.
      const agreed = takeFirstPaintAgreement()
      setStep((s) => (s === 'loading' ? (agreed ? 'form' : 'consent') : s))
      const mine = await mineCall
      if (mine === 'login') return // the login page took over
      if (mine === 'wechat') {
        setStep((s) => (s === 'done' ? s : 'wechat'))
        await offerWechat(t)
        return
      }
      setStatus(mine)
      if (mine.status === 'pending' || mine.status === 'member') setStep((s) => (s === 'done' ? s : 'status'))
    } catch (thrown) {
      setProblem(toCloudError(thrown))
      setStep('invalid')
    }
  }

  /** The worker's status, logging in first when needed (and once more if the stored session was stale). */
  async function myStatus(t: string): Promise<MyStatus | 'login' | 'wechat'> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const session = await ensureJoinSession(joinPath(t))
      if (session !== 'ready') return session
      try {
        return await call('membership.myStatus', {}, { stay: true })
      } catch (thrown) {
        const error = toCloudError(thrown)
        if (error.reason !== 'unauthenticated' || attempt > 0) throw error
        clearSessionToken()
      }
    }
    return 'login'
  }

  /** 在微信中打开: the invitation's URL Link into the mini-program; without one, the page says to scan with WeChat. */
  async function offerWechat(t: string): Promise<void> {
    setWechatLink(null)
    try {
      setWechatLink(await call('membership.joinUrlLink', { token: t }, { anonymous: true }))
    } catch (thrown) {
      setWechatLink({ unavailable: { reason: 'wechat_unavailable', message: toCloudError(thrown).message } })
    }
  }

  useEffect(() => {
    void load()
  }, [])

  // index.html painted the consent screen before any script ran (H5): it gives way in the same frame
  // as the page's own first real screen, or when another page (the login) takes over.
  useLayoutEffect(() => {
    if (step !== 'loading') removeJoinFirstPaint()
  }, [step])
  useDidHide(removeJoinFirstPaint)
  useEffect(() => removeJoinFirstPaint, [])

  // The form's code comes after the consent screen is up, not before it (H5; see lazy-form.h5.tsx).
  useEffect(() => {
    if (step === 'consent') preloadJoinForm()
  }, [step])

  async function submit(values: JoinFormValues): Promise<void> {
    askToSubscribe('apply')
    setBusy(true)
    setFormError('')
    setServerErrors({})
    try {
      const r = await call('membership.apply', { ...values, token: token(), consentVersion: CONSENT_VERSION }, { stay: true })
      setResult(r)
      setStep('done')
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    } catch (thrown) {
      const error = toCloudError(thrown)
      if (error.reason === 'invalid_invite') {
        setProblem(error)
        setStep('invalid')
      } else if (error.reason === 'already_member' || error.reason === 'unauthenticated') {
        await load()
      } else if (error.fields.length) {
        const byField: JoinFormErrors = {}
        for (const f of error.fields) byField[f.path as ApplyField] ??= f.message
        setServerErrors(byField)
        if (error.fields.some((f) => f.path === 'consentVersion')) setFormError(error.message)
      } else {
        setFormError(error.reason === 'duplicate_identity' ? `${error.message}。` : error.message)
      }
    } finally {
      setBusy(false)
    }
  }

  const openCard = () => void Taro.redirectTo({ url: CARD_PAGE })

  return (
    <View className='page join' style={pageTextStyle()}>
      {step === 'loading' && (
        <Text className='muted join__loading' {...ariaRole('status')}>
          正在打开入会页面…
        </Text>
      )}

      {step === 'invalid' && (
        <View className='join__card'>
          <Text className='join__title' {...heading()}>
            无法入会
          </Text>
          <Text className='join__text' {...ariaRole('alert')}>
            {problem ? problem.message : '没有读到入会邀请码，请重新扫描工会的入会二维码。'}
          </Text>
          {problem?.reason === 'network_error' ? (
            <ActionButton type='primary' block onClick={() => void load()}>
              重试
            </ActionButton>
          ) : (
            <ActionButton block onClick={() => void Taro.switchTab({ url: HOME_TAB })}>
              返回首页
            </ActionButton>
          )}
        </View>
      )}

      {step === 'status' && status && (
        <View className='join__card'>
          <Text className='join__title' {...heading()}>
            {status.status === 'member' ? '你已经是会员' : '入会申请审核中'}
          </Text>
          <Text className='join__text'>
            {status.status === 'member'
              ? `你已加入${status.unionName ?? '工会'}，会员编号 ${status.memberNo ?? ''}。`
              : `你提交给“${status.unionName ?? '工会'}”的入会申请正在审核，审核通过后即可使用电子会员卡。`}
          </Text>
          <ActionButton type='primary' block onClick={openCard}>
            {status.status === 'member' ? '查看电子会员卡' : '查看入会进度'}
          </ActionButton>
        </View>
      )}

      {(step === 'consent' || step === 'form' || step === 'wechat') && invite && (
        <View className='join__union'>
          <Text className='join__eyebrow'>你将加入</Text>
          <Text className='join__union-name' {...heading()}>
            {invite.union.name}
          </Text>
          <Text className='join__explain'>{invite.explain}</Text>
          {invite.union.kind === 'base' && <Text className='join__industry'>上级：{invite.industry.name}</Text>}
        </View>
      )}

      {step === 'consent' && invite && (
        <View className='join__card'>
          {status?.status === 'rejected' && (
            <Text className='join__notice' {...ariaRole('status')}>
              你上次的申请未通过{status.reason ? `（${status.reason}）` : ''}，可以重新申请。
            </Text>
          )}
          {status?.status === 'left' && <Text className='join__notice'>你已退会，可以重新申请入会。</Text>}
          <Text className='join__title' {...heading(2)}>
            {CONSENT_TITLE}
          </Text>
          <Text className='join__text'>入会要登记身份证号等实名信息。请先阅读：</Text>
          {CONSENT_PARAGRAPHS.map((p) => (
            <Text className='join__paragraph' key={p}>
              {p}
            </Text>
          ))}
          <ActionButton type='primary' block onClick={() => setStep('form')}>
            同意并填写
          </ActionButton>
          <Text className='join__version muted'>说明版本：{CONSENT_VERSION}</Text>
        </View>
      )}

      {step === 'wechat' && (
        <WechatOffer
          urlLink={wechatLink?.urlLink}
          loading={wechatLink === null}
          unavailable={wechatLink?.unavailable?.message}
          onLogin={() => goToLogin(joinPath(token()))}
        />
      )}

      {step === 'form' && invite && (
        <LazyJoinForm invite={invite} today={chinaDate(new Date())} busy={busy} serverErrors={serverErrors} formError={formError} onSubmit={(v) => void submit(v)} />
      )}

      {step === 'done' && result && (
        <View className='join__card'>
          <Text className='join__title' {...heading()}>
            申请已提交
          </Text>
          <Text className='join__text' {...ariaRole('status')}>
            {`你的入会申请已交“${result.unionName}”审核（${MY_STATUS_LABELS.pending}）。审核通过后，在“我的”里就能看到电子会员卡。`}
          </Text>
          <ActionButton type='primary' block onClick={openCard}>
            查看入会进度
          </ActionButton>
        </View>
      )}
    </View>
  )
}
