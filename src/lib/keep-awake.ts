/**
 * Keeps the screen on while the check-in station shows its code. Best effort: a device
 * that refuses (no Wake Lock API, low battery mode) just dims as usual, which the
 * organiser notices; nothing else depends on it.
 */
import Taro from '@tarojs/taro'

interface WakeLockSentinelLike {
  release(): Promise<void>
}

export async function keepScreenOn(): Promise<() => void> {
  if (process.env.TARO_ENV === 'weapp') {
    await Taro.setKeepScreenOn({ keepScreenOn: true }).catch(ignore)
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(ignore)
  }
  const nav = (typeof navigator === 'undefined' ? undefined : navigator) as { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } } | undefined
  const lock = await nav?.wakeLock?.request('screen').catch(ignore)
  return () => void lock?.release().catch(ignore)
}

/** Failing to keep the screen on is not worth interrupting the organiser for (see above). */
function ignore(): undefined {
  return undefined
}
