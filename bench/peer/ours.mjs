/**
 * Our side of `npm run bench:peer`: how one check-in is asked of our host. Pluggable:
 * each adapter prepares what it needs once (given the host's URL and its storage), then
 * builds request number `seq`.
 *
 * `checkIn` (default): the real `activity.checkIn {code, nonce}`, like the Parse side's Cloud
 * Code (unique per activity and member). Prepared straight through our repositories
 * (bench/seed-checkin.ts): published activities of bu-cy01 with check-in open, members signed
 * up to all of them, one session each; request `seq` is member `seq % members` at activity
 * `floor(seq / members)` with the station's current code: a distinct (activity, member) pair
 * per request, as the Parse side's memberId is. BENCH_CHECKIN_MEMBERS (2000) ×
 * BENCH_CHECKIN_ACTIVITIES (40) pairs; beyond that requests would be duplicates (reported).
 *
 * `invite`: the stand-in used before `activity.checkIn` existed (one staff session, org.invite).
 *
 * Runs under tsx (`node --import tsx`), so it can use the host's TypeScript modules.
 */
import { createHash } from 'node:crypto';
import { openStorage } from '../../cloud/storage/db.ts';
import { checkInOf, seedCheckIns } from '../seed-checkin.ts';

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
  checkIn: {
    label: 'activity.checkIn {code, nonce} as members (a distinct activity and member per request)',
    /** @param {string} _url @param {{ storage: import('../../cloud/storage/db.ts').StorageConfig }} where */
    async prepare(_url, where) {
      const members = Number(process.env.BENCH_CHECKIN_MEMBERS ?? 2000);
      const activities = Number(process.env.BENCH_CHECKIN_ACTIVITIES ?? 40);
      const storage = await openStorage(where.storage);
      try {
        const seed = await seedCheckIns(storage.db, { members, activities, tag: 'peer' });
        return { seed, capacity: members * activities, codes: new Map() };
      } finally {
        await storage.close();
      }
    },
    request(state, seq) {
      if (seq === state.capacity) process.stderr.write(`bench: more than ${state.capacity} check-ins; later ones are duplicates (raise BENCH_CHECKIN_ACTIVITIES)\n`);
      const c = checkInOf(state.seed, seq);
      return { path: '/1.1/functions/activity.checkIn', headers: lcHeaders(c.session), body: JSON.stringify({ code: c.code, nonce: `peer-${String(seq).padStart(10, '0')}` }) };
    },
    /** How many check-in rows the run stored (must equal the acknowledged ones plus the warm-up's). */
    async stored(where, state) {
      const storage = await openStorage(where.storage);
      try {
        const ids = state.seed.activities.map((a) => a.id);
        const r = await storage.db.selectFrom('activity_checkins').select((eb) => eb.fn.countAll().as('n')).where('activity_id', 'in', ids).executeTakeFirstOrThrow();
        return Number(r.n);
      } finally {
        await storage.close();
      }
    },
  },
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

/** `BENCH_OUR_WRITE` names an adapter; default: the real check-in. */
export function pickOurWrite() {
  const name = process.env.BENCH_OUR_WRITE ?? 'checkIn';
  const a = adapters[name];
  if (!a) throw new Error(`BENCH_OUR_WRITE=${name}: no such adapter (${Object.keys(adapters).join(', ')})`);
  return a;
}
