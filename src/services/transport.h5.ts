/**
 * H5: the cloud function call as one `fetch`, the request the LeanCloud SDK would send
 * (`POST /1.1/functions/<name>`, `X-LC-Id`, `X-LC-Key`, `X-LC-Session`; cloud/host/app.ts).
 * The SDK is 66 KB brotli and ≈ 0.4 s of script on Lighthouse's slowed phone before the first
 * call (docs/quality.md §10); the browser already has everything a call needs. Failures carry
 * what the SDK's errors carry, so `toCloudError` reads both the same way.
 */
interface RefusalFields {
  code?: unknown
  error?: unknown
  reason?: unknown
  fields?: unknown
}

function failure(status: number, body: RefusalFields | null): Error {
  const message = body && typeof body.error === 'string' ? body.error : `HTTP ${status}`
  // As the SDK: an answer without a refusal code counts as no answer (code -1, network_error).
  const code = body && typeof body.code === 'number' ? body.code : -1
  return Object.assign(new Error(message), { ...body, code, rawMessage: message })
}

export async function runFunction(serverURL: string, name: string, input: unknown, sessionToken: string): Promise<unknown> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json;charset=UTF-8',
    'X-LC-Id': UNION_APP_ID,
    'X-LC-Key': UNION_APP_KEY,
  }
  if (sessionToken) headers['X-LC-Session'] = sessionToken
  let response: Response
  try {
    response = await fetch(`${serverURL}/1.1/functions/${encodeURIComponent(name)}`, { method: 'POST', headers, body: JSON.stringify(input ?? {}) })
  } catch {
    throw failure(0, null)
  }
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    // not JSON (a proxy's error page): handled below as no answer
  }
  if (response.ok && typeof body === 'object' && body !== null && 'result' in body) return (body as { result: unknown }).result
  throw failure(response.status, typeof body === 'object' && body !== null ? (body as RefusalFields) : null)
}
