/**
 * Seeds a door rush straight through the repositories (no HTTP): `activities` published
 * activities of bu-cy01 with check-in open for the next hour, `members` members of bu-cy01
 * (unit-wxy), each signed up to every activity and holding one member session. Used by
 * `npm run bench:peer` (our side) and the crash test; needs the demo organisation (a host
 * started in demo mode has seeded it). Check-in number `seq` is then member `seq % members`
 * at activity `floor(seq / members)`: distinct (activity, member) pairs up to
 * `members × activities`.
 */
import { stationCode } from '../cloud/domain/checkin-code';
import { newId } from '../cloud/domain/crypto';
import { demoPerson } from '../cloud/domain/demo-people';
import { buildIdNumber } from '../cloud/contract/fields/id-number';
import { insertMember } from '../cloud/storage/members.repository';
import type { Db } from '../cloud/storage/schema';
import { createSession } from '../cloud/storage/users.repository';

export interface CheckInSeed {
  activities: { id: string; secret: string }[];
  /** Member session tokens, in member order. */
  sessions: string[];
  /** Member ids, in the same order. */
  memberIds: string[];
}

export async function seedCheckIns(db: Db, opts: { members: number; activities: number; tag?: string }): Promise<CheckInSeed> {
  const now = new Date();
  const at = now.toISOString();
  const tag = opts.tag ?? newId('seed');
  const staff = await db.selectFrom('role_grants').select('user_id').where('union_id', '=', 'bu-cy01').where('role', '=', 'staff').limit(1).executeTakeFirstOrThrow();
  const activities: CheckInSeed['activities'] = [];
  for (let k = 0; k < opts.activities; k++) {
    const id = newId('act');
    // A fixed, well-formed secret per activity (64 hex digits), like newActivitySecret's.
    const secret = (k.toString(16).padStart(2, '0') + 'cd').repeat(16);
    activities.push({ id, secret });
    await db
      .insertInto('activities')
      .values({
        id, union_id: 'bu-cy01', industry_union_id: 'ind-cy', type: 'sports', title: `压测活动 ${k + 1}`, description: '', place: '体育馆', organizer: '工会',
        start_at: at, end_at: new Date(now.getTime() + 3600000).toISOString(), sign_up_deadline: at, quota: null, audience: 'union',
        check_in_from: new Date(now.getTime() - 60000).toISOString(), check_in_until: new Date(now.getTime() + 3600000).toISOString(), allow_walk_in: 0,
        status: 'published', cancel_reason: null, checkin_secret: secret, signed_up_count: opts.members, waitlisted_count: 0, next_seq: opts.members + 1,
        created_by: staff.user_id, created_at: at, updated_at: at, published_at: at, cancelled_at: null, finished_at: null,
      })
      .execute();
  }
  const sessions: string[] = [];
  const memberIds: string[] = [];
  const keys = { field: Buffer.alloc(32, 1), blindIndex: Buffer.alloc(32, 2), token: Buffer.alloc(32, 3) };
  for (let start = 0; start < opts.members; start += 500) {
    await db.transaction().execute(async (trx) => {
      const signups = [];
      for (let i = start; i < Math.min(opts.members, start + 500); i++) {
        const userId = newId('usr');
        await trx.insertInto('users').values({ id: userId, display_name: `压测${i}`, wechat_openid: null, wechat_unionid: null, dev_key: null, created_at: at }).execute();
        // Distinct ID numbers: the birth date walks by day, the sequence by member (area from the tag, so two seeds differ).
        const birth = new Date(Date.UTC(1970, 0, 1 + Math.floor(i / 1000))).toISOString().slice(0, 10);
        const data = { ...demoPerson(`${tag}:${i}`), idNumber: buildIdNumber({ area: '330106', birthDate: birth, sequence: i % 1000 }) };
        const m = await insertMember(trx, keys, { userId, unionId: 'bu-cy01', unitId: 'unit-wxy', unitName: null, data, now, today: at.slice(0, 10) });
        memberIds.push(m.id);
        for (const a of activities) signups.push({ activity_id: a.id, member_id: m.id, status: 'signed_up' as const, seq: i + 1, signed_up_at: at, updated_at: at, promoted_at: null, cancelled_at: null });
        sessions.push(await createSession(trx, userId, [], now));
      }
      for (let j = 0; j < signups.length; j += 1000) await trx.insertInto('activity_signups').values(signups.slice(j, j + 1000)).execute();
    });
  }
  return { activities, sessions, memberIds };
}

/** The (activity, member) of check-in number `seq`, and a code valid now. */
export function checkInOf(seed: CheckInSeed, seq: number, now: Date = new Date()): { session: string; memberId: string; activityId: string; code: string } {
  const n = seed.sessions.length;
  const a = seed.activities[Math.floor(seq / n) % seed.activities.length];
  return { session: seed.sessions[seq % n], memberId: seed.memberIds[seq % n], activityId: a.id, code: stationCode(a.secret, a.id, now).code };
}
