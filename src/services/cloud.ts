/**
 * The one module that calls cloud functions. Pages call `call('auth.me', {})` and get a
 * typed result or a `CloudError`. Types come from the shared contract; only the zod-free
 * `errors.ts` is imported at run time, so the schema library never enters the app bundle.
 */
import type { FunctionName, InputOf, OutputOf } from '@cloud/contract'
import { CloudError, toCloudError } from './cloud-error'
import { clearSessionToken, getSessionToken, goToLogin } from './session'
import { runFunction } from './transport'

export { CloudError, toCloudError }

/** Refusals that mean "log in again": the token is dropped and the login page opens. */
const SESSION_LOST: ReadonlySet<CloudError['reason']> = new Set(['unauthenticated'])

export interface CallOptions {
  /** Call without the session token (public functions such as org.tree on the login page). */
  anonymous?: boolean
  /**
   * On a lost session, drop the token but stay on this page (the join page logs in again by
   * itself instead of sending the worker to the login page).
   */
  stay?: boolean
}

function serverURL(): string {
  if (UNION_SERVER_URL) return UNION_SERVER_URL
  // H5 served by the host itself: same origin.
  if (typeof window !== 'undefined' && window.location) return window.location.origin
  return 'http://127.0.0.1:3000'
}

/** Calls the cloud function `name` with `input`, sending the session token if there is one. */
export async function call<N extends FunctionName>(
  name: N,
  input: InputOf<N>,
  options: CallOptions = {},
): Promise<OutputOf<N>> {
  const sessionToken = options.anonymous ? '' : getSessionToken()
  try {
    const result = await runFunction(serverURL(), name, input, sessionToken)
    return result as OutputOf<N>
  } catch (thrown) {
    const error = toCloudError(thrown)
    if (sessionToken && SESSION_LOST.has(error.reason)) {
      clearSessionToken()
      if (!options.stay) goToLogin()
    }
    throw error
  }
}
