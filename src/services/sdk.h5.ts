/**
 * H5: the LeanCloud SDK (≈ 290 KB, the largest library) is a chunk of its own, loaded when the
 * first cloud function is called instead of being evaluated with the page that imports
 * `cloud.ts`: the page renders first, then the SDK loads. The join page's preload
 * (config/preload-pages.ts) fetches it with the page's chunks, so it costs no extra round trip.
 */
type SDK = typeof import('leancloud-storage')

let loading: Promise<SDK> | null = null

export function loadSDK(): Promise<SDK> {
  loading ??= import(/* webpackChunkName: "leancloud" */ 'leancloud-storage').catch((error: unknown) => {
    loading = null // a failed download (offline) is tried again on the next call
    throw error
  })
  return loading
}
