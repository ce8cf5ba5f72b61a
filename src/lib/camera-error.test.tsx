import { cameraErrorMessage } from './camera-error'

describe('cameraErrorMessage', () => {
  it('says in Chinese why the camera did not open, never the browser’s English', () => {
    expect(cameraErrorMessage(new DOMException('Requested device not found', 'NotFoundError'))).toBe('这台设备没有找到摄像头')
    expect(cameraErrorMessage(new DOMException('Permission denied', 'NotAllowedError'))).toMatch(/^没有摄像头权限/)
    expect(cameraErrorMessage({ errMsg: 'scanCode:fail auth deny' })).toMatch(/^没有摄像头权限/)
    expect(cameraErrorMessage(new Error('Something odd'))).toBe('无法打开摄像头')
    expect(cameraErrorMessage(undefined)).toBe('无法打开摄像头')
  })
})
