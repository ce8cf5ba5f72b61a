/**
 * The LeanCloud SDK that `cloud.ts` calls functions with (AV.Cloud.run). In the mini-program it is
 * part of the main package (WeChat has no lazy chunks); in H5 `sdk.h5.ts` loads it on demand.
 */
import * as AV from 'leancloud-storage'

export function loadSDK(): Promise<typeof AV> {
  return Promise.resolve(AV)
}
