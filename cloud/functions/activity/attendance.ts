/** Staff follow an activity's attendance (报名与签到): the counts and the named lists. */
import * as c from '../../contract/activity/attendance';
import type { Attendance, Participant } from '../../contract/activity/attendance';
import { countCheckIns, num, participantRows } from '../../storage/activities.repository';
import { countAttempts, unsuccessfulAttempts } from '../../storage/activity-checkins.repository';
import type { ActivitiesTable, Q } from '../../storage/schema';
import { defineFunction } from '../registry';
import { loadActivity, staffOfActivity } from './access';

export async function attendanceOf(db: Q, a: ActivitiesTable): Promise<Attendance> {
  const [k, t] = await Promise.all([countCheckIns(db, a.id), countAttempts(db, a.id)]);
  return { signedUp: num(a.signed_up_count), waitlisted: num(a.waitlisted_count), checkedIn: k.checkedIn, walkIns: k.walkIns, refused: t.refused, flagged: t.flagged };
}

/** 报名与签到人数 (the station's counter and the staff page). */
export const attendance = defineFunction({
  contract: c.attendance,
  policy: staffOfActivity('id'),
  kind: 'query',
  async handler(input, ctx) {
    return attendanceOf(ctx.db, await loadActivity(ctx, input.id));
  },
});

/** Everyone signed up (waiting positions in order), then the walk-ins, with their check-ins. */
export async function participantsOf(db: Q, activityId: string): Promise<Participant[]> {
  const { signups, walkIns } = await participantRows(db, activityId);
  let waiting = 0;
  const fromSignUps = signups.map((r): Participant => {
    const p: Participant = {
      memberId: r.member_id,
      name: r.name,
      memberNo: r.member_no,
      unitName: r.unit ?? r.unit_name ?? '',
      signUp: r.status,
      signedUpAt: r.signed_up_at,
      checkedInAt: r.checked_in_at ?? null,
      method: r.method ?? null,
      walkIn: num(r.walk_in) === 1,
    };
    if (r.status === 'waitlisted') p.position = ++waiting;
    return p;
  });
  const fromWalkIns = walkIns.map(
    (r): Participant => ({
      memberId: r.member_id,
      name: r.name,
      memberNo: r.member_no,
      unitName: r.unit ?? r.unit_name ?? '',
      signUp: null,
      signedUpAt: null,
      checkedInAt: r.checked_in_at,
      method: r.method,
      walkIn: true,
    }),
  );
  return [...fromSignUps, ...fromWalkIns];
}

/** 报名与签到名单, and the last 200 refused or duplicate attempts with their reasons. */
export const participants = defineFunction({
  contract: c.participants,
  policy: staffOfActivity('id'),
  kind: 'query',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    const [items, attempts] = await Promise.all([participantsOf(ctx.db, a.id), unsuccessfulAttempts(ctx.db, a.id)]);
    return {
      items,
      attempts: attempts.map((t) => ({
        at: t.scanned_at ?? t.at,
        name: t.name ?? null,
        memberNo: t.member_no ?? null,
        method: t.method,
        outcome: t.outcome,
        reason: t.reason,
        deviceId: t.device_id,
        flagged: num(t.flagged) === 1,
      })),
    };
  },
});
