/// <reference types="@tarojs/taro" />

declare module '*.png' {
  const src: string
  export default src
}
declare module '*.scss'
declare module '*.css'

/** LeanCloud app id the client signs requests with (build env UNION_APP_ID). */
declare const UNION_APP_ID: string
/** LeanCloud app key (public: it ships in the app; the session token is the credential). */
declare const UNION_APP_KEY: string
/** Cloud-function host; '' in H5 means the page's own origin. */
declare const UNION_SERVER_URL: string
/** Demo mode: persona login is offered (false when built with UNION_MODE=production). */
declare const UNION_DEMO: boolean
