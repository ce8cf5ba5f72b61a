import { useCallback, useState } from 'react'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { FundSettings } from '@cloud/contract'
import { LoadProblem } from '../../components/load-problem'
import { useOrgTree } from '../../../../hooks/useOrgTree'
import { useSession } from '../../../../hooks/useSession'
import { ariaRole, heading } from '../../../../lib/a11y'
import { unionNames } from '../../../../lib/org'
import { call, toCloudError, type CloudError } from '../../../../services/cloud'
import { getSessionToken } from '../../../../services/session'
import { SettingsForm, type SettingsChange } from './settings-form'
import './index.scss'

/** 经费设置 (`?unionId=`). */
export default function FundSettingsPage() {
  const { user } = useSession({ loadUser: true })
  const { tree } = useOrgTree()
  const { params } = useRouter()
  const unionId = params.unionId ? decodeURIComponent(params.unionId) : ''
  const [settings, setSettings] = useState<FundSettings | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const load = useCallback(() => {
    if (!getSessionToken() || !unionId) return
    setError(null)
    call('fund.settings', { unionId })
      .then(setSettings)
      .catch((thrown: unknown) => setError(toCloudError(thrown)))
  }, [unionId])
  useDidShow(load)

  async function save(change: SettingsChange): Promise<void> {
    try {
      setSettings(await call('fund.updateSettings', { unionId, ...change }))
    } catch (thrown) {
      throw toCloudError(thrown)
    }
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  const canEdit = Boolean(user?.roles.some((g) => g.unionId === unionId && (g.role === 'staff' || g.role === 'chair')))
  return (
    <View className='page fund-settings'>
      <Text className='page-title' {...heading()}>
        经费设置
      </Text>
      {unionNames(tree)[unionId] && <Text className='fund-settings__union muted'>{unionNames(tree)[unionId]}</Text>}
      {settings && <SettingsForm key={JSON.stringify(settings)} settings={settings} isIndustry={tree?.id === unionId} canEdit={canEdit} onSave={save} />}
      {error && (
        <LoadProblem message={error.message} onRetry={load} />
      )}
      {!settings && !error && (
        <Text className='muted' {...ariaRole('status')}>
          正在加载…
        </Text>
      )}
    </View>
  )
}
