import { REASONS } from '@cloud/contract/errors'
import { CloudError, toCloudError } from './cloud-error'

/** What leancloud-storage throws for a 4xx: message has the URL appended, rawMessage is the server's text. */
function sdkError(code: unknown, rawMessage?: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(`${rawMessage ?? ''} [401 POST http://host/1.1/functions/auth.me]`), { code, rawMessage, ...extra })
}

describe('toCloudError', () => {
  it('maps the integer code to its reason and keeps the server text for people', () => {
    const error = toCloudError(sdkError(REASONS.unauthenticated.code, '登录已过期，请重新登录'))
    expect(error).toBeInstanceOf(CloudError)
    expect(error).toMatchObject({ reason: 'unauthenticated', code: 401, message: '登录已过期，请重新登录' })
  })

  it('never shows the SDK message with the URL in it', () => {
    const error = toCloudError(sdkError(REASONS.forbidden.code, undefined))
    expect(error.message).toBe(REASONS.forbidden.message)
    expect(error.message).not.toContain('http')
  })

  it('falls back to the reason field when the code is unknown', () => {
    expect(toCloudError(sdkError(49999, '名额已满', { reason: 'activity_full' })).reason).toBe('activity_full')
  })

  it('keeps the field problems of a refused input', () => {
    const fields = [{ path: 'idNumber', message: '身份证号校验位不正确，请核对' }]
    const error = toCloudError(sdkError(REASONS.invalid_id_number.code, '身份证号校验位不正确，请核对', { reason: 'invalid_id_number', fields }))
    expect(error).toMatchObject({ reason: 'invalid_id_number', fields })
    expect(toCloudError(sdkError(REASONS.forbidden.code, undefined, { fields: 'junk' })).fields).toEqual([])
  })

  it('calls a request without an answer a network error', () => {
    expect(toCloudError(sdkError(-1, 'Request has been terminated')).reason).toBe('network_error')
    expect(toCloudError(new TypeError('Failed to fetch')).reason).toBe('network_error')
  })

  it('does not call a fault of our own code a network error (and leaves a trace)', () => {
    const trace = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const missing = toCloudError(new ReferenceError('TextEncoder is not defined'))
      expect(missing.reason).toBe('unknown')
      expect(missing.message).toBe('页面出错了，请稍后再试或联系工会')
      expect(toCloudError(new TypeError('x.map is not a function')).reason).toBe('unknown')
      expect(trace).toHaveBeenCalledTimes(2)
    } finally {
      trace.mockRestore()
    }
  })
})
