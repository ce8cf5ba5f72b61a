/**
 * Reading the invitation from how the join page was opened:
 * - H5: the hash-route link `/#/pages/join/index?t=<token>`;
 * - mini-program, a QR code of that link (“扫普通链接二维码打开小程序”): `q` = the URL-encoded link;
 * - mini-program code (`wxacode.getUnlimited`): `scene` = the short signed form (URL-encoded).
 */
export function inviteTokenFromParams(params: Record<string, string | undefined>): string {
  const t = params.t?.trim()
  if (t) return safeDecode(t)
  const q = params.q?.trim()
  if (q) {
    const url = safeDecode(q)
    const match = /[?&]t=([^&#]+)/.exec(url)
    if (match) return safeDecode(match[1])
  }
  const scene = params.scene?.trim()
  if (scene) return safeDecode(scene)
  return ''
}

/** A URL-encoded value decoded, or as it is when it is not valid encoding (a hand-typed link). */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The join page path for a token (to come back to after logging in). */
export function joinPath(token: string): string {
  return `/pages/join/index?t=${encodeURIComponent(token)}`
}
