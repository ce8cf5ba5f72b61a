/**
 * Why the camera did not open, in Chinese, from what the browser threw (getUserMedia's DOMException
 * names) or WeChat's errMsg. The browser's own text is English ("Requested device not found") and is
 * never shown.
 */
const BY_NAME: Record<string, string> = {
  NotFoundError: '这台设备没有找到摄像头',
  DevicesNotFoundError: '这台设备没有找到摄像头',
  NotAllowedError: '没有摄像头权限：请在浏览器或系统设置中允许使用摄像头',
  PermissionDeniedError: '没有摄像头权限：请在浏览器或系统设置中允许使用摄像头',
  SecurityError: '当前网页不能使用摄像头（需要 https 地址）',
  NotReadableError: '摄像头正被其他应用使用，请关闭后重试',
  TrackStartError: '摄像头正被其他应用使用，请关闭后重试',
  OverconstrainedError: '没有找到合适的摄像头',
  AbortError: '摄像头被中断，请重试',
}

export function cameraErrorMessage(thrown: unknown): string {
  const name = typeof thrown === 'object' && thrown !== null && 'name' in thrown ? String((thrown as { name: unknown }).name) : ''
  const errMsg = typeof thrown === 'object' && thrown !== null && 'errMsg' in thrown ? String((thrown as { errMsg: unknown }).errMsg) : ''
  if (BY_NAME[name]) return BY_NAME[name]
  if (/auth deny|permission/i.test(errMsg)) return BY_NAME.NotAllowedError
  return '无法打开摄像头'
}
