/**
 * What a release build of the mini-program must not ship (`UNION_RELEASE=1 npm run build:weapp`):
 * the demo app id or key, or a server that is not `https://` (WeChat calls only HTTPS domains
 * listed in the mini-program's 服务器域名, and the demo default is the developer's own machine).
 * The test build keeps the demo settings. Returns the problems, in Chinese, one per line.
 */
export const DEMO_APP_ID = 'union-demo'
export const DEMO_APP_KEY = 'union-demo-key'

export function releaseProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = []
  const appId = env.UNION_APP_ID ?? ''
  const appKey = env.UNION_APP_KEY ?? ''
  const server = env.UNION_SERVER_URL ?? ''
  if (!appId || appId === DEMO_APP_ID) problems.push(`UNION_APP_ID 未设置或仍是演示值（${DEMO_APP_ID}）：请设为主机的 UNION_APP_ID`)
  if (!appKey || appKey === DEMO_APP_KEY) problems.push('UNION_APP_KEY 未设置或仍是演示值：请设为主机的 UNION_APP_KEY')
  let url: URL | null = null
  try {
    url = new URL(server)
  } catch {
    url = null
  }
  if (!url || url.protocol !== 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)) {
    problems.push(`UNION_SERVER_URL 必须是主机的 https:// 地址（已在小程序后台配置为 request 合法域名），现为 "${server}"`)
  }
  return problems
}
