/**
 * Our side of `npm run bench:peer`: how one check-in is asked of our host. Pluggable:
 * each adapter prepares what it needs once, then builds request number `seq`.
 *
 * `invite` is the stand-in used until `activity.checkIn` (issue 4) lands: a durable write
 * through the same path a check-in takes (signature check, session lookup, policy on the
 * union, validation, one insert plus its audit event in one transaction), as one staff session.
 *
 * TODO(issue 4): add `checkIn`: prepare = as staff `activity.create` (check-in window open now,
 * allowWalkIn or sign-ups) → `activity.publish` → `activity.checkInCode`; N members by
 * `auth.devLogin {persona: 'member', key}` (each signing up if needed); request(seq) =
 * `activity.checkIn {code, nonce}` with member seq's session (a distinct member per request,
 * like the Parse side's memberId). Then make it the default in `pickOurWrite`.
 */
import { createHash } from 'node:crypto';

const APP_ID = 'union-demo';
const APP_KEY = 'union-demo-key';

export function lcHeaders(session) {
  const ts = Date.now();
  return {
    'X-LC-Id': APP_ID,
    'X-LC-Sign': `${createHash('md5').update(`${ts}${APP_KEY}`).digest('hex')},${ts}`,
    'Content-Type': 'application/json',
    ...(session ? { 'X-LC-Session': session } : {}),
  };
}

export async function call(url, name, input, session) {
  const res = await fetch(`${url}/1.1/functions/${name}`, { method: 'POST', headers: lcHeaders(session), body: JSON.stringify(input) });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${name}: ${res.status} ${body.reason} ${body.error}`);
  return body.result;
}

export const adapters = {
  invite: {
    label: 'org.invite as staff (stand-in for activity.checkIn until issue 4 lands)',
    async prepare(url) {
      const login = await call(url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'bench' });
      return { session: login.sessionToken };
    },
    request(state, _seq) {
      return { path: '/1.1/functions/org.invite', headers: lcHeaders(state.session), body: JSON.stringify({ unionId: 'bu-cy01' }) };
    },
  },
};

/** `BENCH_OUR_WRITE` names an adapter; default: the stand-in. */
export function pickOurWrite() {
  const name = process.env.BENCH_OUR_WRITE ?? 'invite';
  const a = adapters[name];
  if (!a) throw new Error(`BENCH_OUR_WRITE=${name}: no such adapter (${Object.keys(adapters).join(', ')})`);
  return a;
}
