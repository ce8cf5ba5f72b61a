import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { NotifyItem } from '@cloud/contract'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import { MESSAGE_SETTINGS_PAGE, TAB_PAGES } from '../../lib/routes'
import { call, toCloudError } from '../../services/cloud'
import './index.scss'

/** `2026-12-08T02:00:00Z` → `12月8日 10:00` (China time). */
function when(iso: string): string {
  const c = new Date(Date.parse(iso) + 8 * 3600_000)
  return `${c.getUTCMonth() + 1}月${c.getUTCDate()}日 ${String(c.getUTCHours()).padStart(2, '0')}:${String(c.getUTCMinutes()).padStart(2, '0')}`
}

/** 我的消息: every message about me, newest first; tapping one marks it read and opens its page. */
export default function MessagesPage() {
  const [items, setItems] = useState<NotifyItem[] | null>(null)
  const [unread, setUnread] = useState(0)
  const [problem, setProblem] = useState('')

  function load(): void {
    call('notify.list', {})
      .then((r) => {
        setItems(r.items)
        setUnread(r.unread)
        setProblem('')
      })
      .catch((e: unknown) => setProblem(toCloudError(e).message))
  }
  useDidShow(load)

  async function open(item: NotifyItem): Promise<void> {
    if (!item.readAt) {
      try {
        const r = await call('notify.markRead', { ids: [item.id] })
        setUnread(r.unread)
        setItems((all) => all?.map((i) => (i.id === item.id ? { ...i, readAt: new Date().toISOString() } : i)) ?? null)
      } catch {
        // Opening the page matters more than the read mark; the next visit marks it again.
      }
    }
    if (!item.page) return
    const path = item.page.split('?')[0] ?? ''
    void (TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url: item.page }))
  }

  async function allRead(): Promise<void> {
    try {
      const r = await call('notify.markRead', { all: true })
      setUnread(r.unread)
      load()
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    }
  }

  return (
    <View className='page messages'>
      <Text className='page-title' {...heading()}>
        我的消息
      </Text>
      <View className='messages__bar'>
        <Text {...ariaRole('status')}>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <ActionButton size='small' disabled={unread === 0} onClick={() => void allRead()}>
          全部已读
        </ActionButton>
        <ActionButton size='small' onClick={() => void Taro.navigateTo({ url: MESSAGE_SETTINGS_PAGE })}>
          消息设置
        </ActionButton>
      </View>
      {problem ? (
        <Text className='error-text' {...ariaRole('alert')}>
          {problem}
        </Text>
      ) : null}
      {items === null && !problem ? <Text className='muted'>正在加载…</Text> : null}
      {items?.length === 0 ? <Text className='muted'>还没有消息</Text> : null}
      {items?.map((item) => (
        <View
          key={item.id}
          className={`messages__item${item.readAt ? '' : ' messages__item--unread'}`}
          {...ariaRole('button')}
          aria-label={`${item.readAt ? '' : '未读，'}${item.title}`}
          onClick={() => void open(item)}
        >
          <Text className='messages__title'>{item.title}</Text>
          {item.body ? <Text className='messages__body'>{item.body}</Text> : null}
          <Text className='messages__time'>{when(item.createdAt)}</Text>
        </View>
      ))}
    </View>
  )
}
