import { useEffect, useMemo, useState } from 'react'
import { pageTextStyle } from '../../lib/text-size'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import type { LoginResult } from '@cloud/contract'
import type { Persona } from '@cloud/contract/labels'
import { PersonaPicker, personaNeedsUnion } from '../../components/persona-picker'
import { forgetSessionUser } from '../../hooks/useSession'
import { useOrgTree } from '../../hooks/useOrgTree'
import { ariaRole, heading } from '../../lib/a11y'
import { unionOptions } from '../../lib/org'
import { HOME_AFTER_LOGIN } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import { getDemoKey, setSessionToken } from '../../services/session'
import './index.scss'

/** How this page logs people in: WeChat (mini-program), demo persona, or staff account. */
type Mode = 'wechat' | 'demo' | 'account'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'

function initialMode(): Mode {
  if (IS_WEAPP) return 'wechat'
  return UNION_DEMO ? 'demo' : 'account'
}

/** A page to return to after logging in (`?back=`), e.g. the join page with its invitation. */
function backPage(): string {
  const raw = Taro.getCurrentInstance().router?.params?.back
  if (!raw) return ''
  const page = decodeURIComponent(raw)
  // Only pages of this app, never an outside address.
  return page.startsWith('/pages/') || page.startsWith('/packages/') ? page : ''
}

function enter({ sessionToken }: LoginResult): void {
  setSessionToken(sessionToken)
  forgetSessionUser()
  const back = backPage()
  if (back) void Taro.reLaunch({ url: back })
  else void Taro.switchTab({ url: HOME_AFTER_LOGIN })
}

export default function LoginPage() {
  const [mode, setMode] = useState<Mode>(initialMode)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [notice, setNotice] = useState('')

  // demo persona
  const { tree, error: treeError } = useOrgTree()
  const unions = useMemo(() => (tree ? unionOptions(tree) : null), [tree])
  const [persona, setPersona] = useState<Persona>('worker')
  const [unionId, setUnionId] = useState('')
  useEffect(() => {
    // Preselect the first base union (or the industry union when there is none).
    if (unions && !unionId) setUnionId((unions.find((u) => u.kind === 'base') ?? unions[0])?.id ?? '')
  }, [unions, unionId])

  // staff account
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')

  async function run(login: () => Promise<LoginResult>): Promise<void> {
    setBusy(true)
    setError('')
    try {
      enter(await login())
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  async function wechatLogin(): Promise<void> {
    setBusy(true)
    setError('')
    try {
      const { code } = await Taro.login()
      enter(await call('auth.wechatLogin', { code }))
    } catch (thrown) {
      const failure = toCloudError(thrown)
      if (failure.reason === 'wechat_not_configured' && UNION_DEMO) {
        setNotice('本服务未配置微信登录，可先用演示身份体验。')
        setMode('demo')
      } else {
        setError(failure.message)
      }
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (IS_WEAPP) void wechatLogin()
    // Only on first open: later attempts come from the 微信登录 button.
  }, [])

  function demoLogin(): Promise<void> {
    const needsUnion = personaNeedsUnion(persona)
    if (needsUnion && !unionId) {
      setError('请选择所属工会')
      return Promise.resolve()
    }
    return run(() =>
      call('auth.devLogin', {
        persona,
        key: persona === 'worker' || persona === 'member' ? getDemoKey() : undefined,
        unionId: needsUnion ? unionId : undefined,
      }),
    )
  }

  function accountLogin(): Promise<void> {
    if (!username.trim() || !password) {
      setError(!username.trim() ? '请输入用户名' : '请输入密码')
      return Promise.resolve()
    }
    return run(() => call('auth.staffLogin', { username: username.trim(), password }))
  }

  function switchTo(next: Mode): void {
    setMode(next)
    setError('')
  }

  return (
    <View className='page login' style={pageTextStyle()}>
      <View className='login__brand'>
        <Text className='login__title' {...heading()}>
          行业工会服务
        </Text>
        <Text className='login__subtitle'>入会、活动与经费公示</Text>
      </View>

      {notice && <Text className='login__notice'>{notice}</Text>}

      {mode === 'wechat' && (
        <View className='login__section'>
          <ActionButton type='primary' block loading={busy} onClick={() => void wechatLogin()}>
            微信登录
          </ActionButton>
        </View>
      )}

      {mode === 'demo' && (
        <View className='login__section'>
          <Text className='login__hint muted'>演示模式：选择一个身份即可进入，数据均为演示数据。</Text>
          <PersonaPicker
            persona={persona}
            onPersonaChange={(p) => {
              setPersona(p)
              setError('')
            }}
            unions={unions}
            unionId={unionId}
            onUnionChange={setUnionId}
            unionsError={treeError ? treeError.message : undefined}
          />
          <View className='login__actions'>
            <ActionButton type='primary' block loading={busy} onClick={() => void demoLogin()}>
              登录
            </ActionButton>
          </View>
        </View>
      )}

      {mode === 'account' && (
        <View className='login__section'>
          <Text className='login__legend'>工会干部账号登录</Text>
          <View className='login__fields'>
            <Input
              className='login__input'
              name='username'
              placeholder='请输入用户名'
              nativeProps={{ 'aria-label': '用户名', autoComplete: 'username' }}
              value={username}
              maxLength={64}
              onChange={setUsername}
            />
            <Input
              className='login__input'
              name='password'
              type='password'
              placeholder='请输入密码'
              nativeProps={{ 'aria-label': '密码', autoComplete: 'current-password' }}
              value={password}
              maxLength={256}
              onChange={setPassword}
            />
          </View>
          <View className='login__actions'>
            <ActionButton type='primary' block loading={busy} onClick={() => void accountLogin()}>
              登录
            </ActionButton>
          </View>
        </View>
      )}

      {error && (
        <Text className='login__error error-text' {...ariaRole('alert')}>
          {error}
        </Text>
      )}

      <View className='login__switches'>
        {IS_WEAPP && mode !== 'wechat' && (
          <ActionButton fill='none' size='small' onClick={() => switchTo('wechat')}>
            使用微信登录
          </ActionButton>
        )}
        {UNION_DEMO && mode !== 'demo' && (
          <ActionButton fill='none' size='small' onClick={() => switchTo('demo')}>
            使用演示身份
          </ActionButton>
        )}
        {mode !== 'account' && (
          <ActionButton fill='none' size='small' onClick={() => switchTo('account')}>
            使用工会干部账号
          </ActionButton>
        )}
      </View>
    </View>
  )
}
