/**
 * The error every cloud call rejects with, and the mapping from what the LeanCloud SDK
 * throws. No SDK import here, so it can be used and tested on its own.
 */
import { REASONS, reasonOfCode, type FieldProblem, type Reason } from '@cloud/contract/errors'

/** A refused or failed call. Show `message` to people; branch on `reason`. */
export class CloudError extends Error {
  /** Stable reason (`unauthenticated`, `forbidden`, …); `network_error` when no answer came back. */
  readonly reason: Reason | 'network_error' | 'unknown'
  /** The integer code the server sent (absent when the request never got an answer). */
  readonly code?: number
  /** Field-level problems of a refused input (`validation_error`, `invalid_id_number`, …), to show beside each field. */
  readonly fields: FieldProblem[]

  constructor(reason: CloudError['reason'], message: string, code?: number, fields: FieldProblem[] = []) {
    super(message)
    this.name = 'CloudError'
    this.reason = reason
    this.code = code
    this.fields = fields
  }
}

/** What the SDK throws: an AVError carrying the refusal body's fields (`code`, `rawMessage`, `reason`). */
interface SdkError {
  code?: unknown
  rawMessage?: unknown
  reason?: unknown
  fields?: unknown
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (f): f is FieldProblem => typeof f === 'object' && f !== null && typeof (f as FieldProblem).path === 'string' && typeof (f as FieldProblem).message === 'string',
  )
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(REASONS, value)
}

/**
 * Errors only code raises (the SDK reports network and server trouble with its own errors); a
 * browser's `fetch` says "no network" with a TypeError of its own wording, which stays a network error.
 */
function isProgramError(thrown: unknown): thrown is Error {
  if (!(thrown instanceof Error)) return false
  if (thrown.name === 'TypeError') return !/fetch|network|load failed/i.test(thrown.message)
  return ['ReferenceError', 'RangeError', 'SyntaxError'].includes(thrown.name)
}

/** Turns whatever the SDK threw into a CloudError with a message fit for people. */
export function toCloudError(thrown: unknown): CloudError {
  if (thrown instanceof CloudError) return thrown
  // A fault of our own code (e.g. a browser API the mini-program lacks) is not "no network": say
  // so plainly and leave a trace, instead of sending people to check a network that works.
  if (isProgramError(thrown)) {
    console.error('程序错误', thrown)
    return new CloudError('unknown', '页面出错了，请稍后再试或联系工会')
  }
  const err = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as SdkError
  const code = typeof err.code === 'number' ? err.code : undefined
  const rawMessage = typeof err.rawMessage === 'string' && err.rawMessage ? err.rawMessage : undefined
  const reason = reasonOfCode(code) ?? (isReason(err.reason) ? err.reason : undefined)
  if (reason) return new CloudError(reason, rawMessage ?? REASONS[reason].message, code, fieldProblems(err.fields))
  if (code === undefined || code === -1 || code === 100) {
    return new CloudError('network_error', '无法连接服务器，请检查网络后重试', code)
  }
  return new CloudError('unknown', rawMessage ?? '操作未成功，请稍后再试', code)
}
