/**
 * How a cloud function call travels, by platform. This default (weapp, unit tests) is the
 * LeanCloud SDK (`AV.Cloud.run`). H5 (`transport.h5.ts`) posts the same request with `fetch`.
 * Either way a refusal rejects with the refusal body's fields (`code`, `rawMessage`, `reason`,
 * `fields`), which `toCloudError` reads.
 */
import * as AV from 'leancloud-storage'

let initialisedFor = ''

export async function runFunction(serverURL: string, name: string, input: unknown, sessionToken: string): Promise<unknown> {
  if (initialisedFor !== serverURL) {
    AV.init({ appId: UNION_APP_ID, appKey: UNION_APP_KEY, serverURLs: serverURL })
    initialisedFor = serverURL
  }
  return AV.Cloud.run(name, input as Record<string, unknown>, sessionToken ? { sessionToken } : {})
}
