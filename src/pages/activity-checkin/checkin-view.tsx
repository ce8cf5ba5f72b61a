import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { ActionButton } from '../../components/action-button'
import { ariaRole, heading } from '../../lib/a11y'
import type { CheckInMessage } from '../../lib/activity'

export const SCAN_PREVIEW_ID = 'checkin-scan-preview'

export interface CheckInViewProps {
  title?: string
  code: string
  onCode: (code: string) => void
  onSubmit: () => void
  busy: boolean
  result: CheckInMessage | null
  /** The last attempt did not reach the server: send it again (same nonce). */
  canRetry: boolean
  onRetry: () => void
  /** A camera scan is possible here. */
  canScan: boolean
  /** The camera preview is open (H5). */
  scanning: boolean
  /** H5 shows the camera in the page; the mini-program opens WeChat's scanner. */
  inlinePreview: boolean
  onScan: () => void
  onStopScan: () => void
  scanError?: string
  onBack?: () => void
}

/** 活动签到: scan the station's QR (or type its 6-digit code) and get an immediate, specific answer. */
export function CheckInView(props: CheckInViewProps) {
  const { result } = props
  return (
    <View className='checkin'>
      <Text className='page-title' {...heading()}>
        活动签到
      </Text>
      {props.title && <Text className='checkin__activity'>{props.title}</Text>}

      {result && (
        <View className={`checkin__result checkin__result--${result.tone}`} {...ariaRole(result.tone === 'error' ? 'alert' : 'status')}>
          <Text className='checkin__result-title'>{result.title}</Text>
          <Text className='checkin__result-detail'>{result.detail}</Text>
          {props.canRetry && (
            <ActionButton size='small' loading={props.busy} onClick={props.onRetry}>
              重试
            </ActionButton>
          )}
        </View>
      )}

      {props.inlinePreview && props.scanning && <View id={SCAN_PREVIEW_ID} className='checkin__preview' />}

      <View className='checkin__actions'>
        {props.canScan &&
          (props.scanning ? (
            <ActionButton block onClick={props.onStopScan}>
              关闭摄像头
            </ActionButton>
          ) : (
            <ActionButton type='primary' block onClick={props.onScan}>
              扫码签到
            </ActionButton>
          ))}
        {props.scanError && <Text className='error-text checkin__hint'>{props.scanError}</Text>}
      </View>

      <View className='checkin__manual'>
        <Text className='checkin__legend'>{props.canScan ? '无法扫码时，输入签到台显示的签到码' : '输入签到台显示的签到码'}</Text>
        <Input
          className='checkin__input'
          name='code'
          placeholder='6 位数字签到码'
          nativeProps={{ 'aria-label': '签到码', inputMode: 'numeric', autoComplete: 'one-time-code' }}
          value={props.code}
          maxLength={512}
          onChange={props.onCode}
        />
        <ActionButton type={props.canScan ? 'default' : 'primary'} block loading={props.busy} disabled={!props.code.trim()} onClick={props.onSubmit}>
          提交签到
        </ActionButton>
      </View>

      {props.onBack && (
        <ActionButton fill='none' block onClick={props.onBack}>
          返回活动
        </ActionButton>
      )}
    </View>
  )
}
