/** Reading activities (活动列表、详情、我的活动): members see their audience's, staff their union's. */
import * as c from '../../contract/activity/browse';
import type { ActivityListItem, MyActivityItem } from '../../contract/activity/browse';
import { checkInOpen, phaseOf, signUpRefusal } from '../../domain/activity';
import {
  activitiesByIds,
  activitiesForMember,
  activitiesOfUnion,
  countCheckIns,
  memberIdsOfUser,
  mySignUpsAcross,
  num,
  rulesOf,
  waitPosition,
  type ActivityRow,
} from '../../storage/activities.repository';
import { defineFunction } from '../registry';
import { loadForMemberOrHistory, MANAGE, memberOfUser } from './access';

function listItem(a: ActivityRow, now: Date): Omit<ActivityListItem, 'mine'> {
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    startAt: a.start_at,
    endAt: a.end_at,
    place: a.place,
    signedUp: num(a.signed_up_count),
    quota: a.quota === null ? null : num(a.quota),
    waitlisted: num(a.waitlisted_count),
    signUpDeadline: a.sign_up_deadline,
    status: a.status,
    phase: phaseOf(rulesOf(a), now),
    audience: a.audience,
    unionName: a.union_name,
  };
}

/** Not yet ended first (soonest first), then ended (latest first). */
function upcomingFirst<T extends { startAt: string; phase: string }>(items: T[]): T[] {
  const open = items.filter((i) => i.phase !== 'ended').sort((x, y) => x.startAt.localeCompare(y.startAt));
  const ended = items.filter((i) => i.phase === 'ended').sort((x, y) => y.startAt.localeCompare(x.startAt));
  return [...open, ...ended];
}

/**
 * 活动列表 for members: published and finished activities of their own union and the
 * industry-wide ones, not yet ended first, then those ended in the last 60 days (20 at
 * most). Not a member: an empty list with `member: false`.
 */
export const list = defineFunction({
  contract: c.list,
  // Every login may ask: the list is of the caller's own audience (empty for a non-member).
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const member = await memberOfUser(ctx.db, p.userId);
    if (!member) return { items: [], member: false };
    const rows = await activitiesForMember(ctx.db, member, new Date(ctx.now.getTime() - 60 * 86400000).toISOString());
    const items: ActivityListItem[] = rows.map((r) => {
      const item: ActivityListItem = listItem(r, ctx.now);
      if (r.checked_in_at) item.mine = 'checked_in';
      else if (r.my_signup === 'signed_up' || r.my_signup === 'waitlisted') item.mine = r.my_signup;
      return item;
    });
    const sorted = upcomingFirst(items);
    const open = sorted.filter((i) => i.phase !== 'ended');
    return { items: [...open, ...sorted.filter((i) => i.phase === 'ended').slice(0, 20)], member: true };
  },
});

/** 本工会的活动 for staff: every state, newest start first, with check-in counts. */
export const listByUnion = defineFunction({
  contract: c.listByUnion,
  policy: { kind: 'unionRoles', roles: MANAGE, unionOf: (i) => i.unionId },
  kind: 'query',
  async handler(input, ctx) {
    const rows = await activitiesOfUnion(ctx.db, input.unionId, input.status);
    return { items: rows.map((r) => ({ ...listItem(r, ctx.now), checkedIn: num(r.checked_in) })) };
  },
});

/** 活动详情, with my sign-up (and waiting position) for members, and counts for staff. */
export const get = defineFunction({
  contract: c.get,
  // The audience rule (the activity's union or, for an industry-wide one, every base union under it;
  // and earlier member records after a transfer) is over the caller's member records, which the
  // policy kinds do not state: loadForMemberOrHistory applies it, answering `not_found` like them.
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(input, ctx) {
    const { a, manage, memberIds } = await loadForMemberOrHistory(ctx, input.id);
    const rules = rulesOf(a);
    const detail: c.ActivityDetail = {
      ...listItem(a, ctx.now),
      description: a.description,
      organizer: a.organizer,
      unionId: a.union_id,
      checkInFrom: a.check_in_from,
      checkInUntil: a.check_in_until,
      allowWalkIn: a.allow_walk_in === 1,
      cancelReason: a.cancel_reason,
      signUpOpen: signUpRefusal(rules, ctx.now) === null,
      checkInOpen: checkInOpen(rules, ctx.now),
      canManage: manage,
    };
    if (memberIds.length) {
      const across = await mySignUpsAcross(ctx.db, memberIds, [a.id]);
      const s = across.signUps.get(a.id);
      const k = across.checkIns.get(a.id);
      if (s || k) {
        detail.mySignUp = { status: s?.status ?? null };
        if (s?.status === 'waitlisted') detail.mySignUp.position = await waitPosition(ctx.db, a.id, num(s.seq));
        if (k) detail.mySignUp.checkedInAt = k.checked_in_at;
        detail.mine = k ? 'checked_in' : s?.status === 'signed_up' || s?.status === 'waitlisted' ? s.status : undefined;
        if (!detail.mine) delete detail.mine;
      }
    }
    if (manage) detail.checkedIn = (await countCheckIns(ctx.db, a.id)).checkedIn;
    return detail;
  },
});

/**
 * 我的活动: every activity I signed up for (also cancelled ones, with the union's reason) or checked in to,
 * over all my member records: after a transfer the sign-ups and check-ins of the earlier record (已退会)
 * stay in my history; the record the union holds now wins where both have one.
 */
export const mine = defineFunction({
  contract: c.mine,
  // Every login may ask: the caller's own sign-ups and check-ins only.
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const memberIds = await memberIdsOfUser(ctx.db, p.userId);
    if (!memberIds.length) return { items: [] };
    const { signUps, checkIns } = await mySignUpsAcross(ctx.db, memberIds);
    const rows = await activitiesByIds(ctx.db, [...new Set([...signUps.keys(), ...checkIns.keys()])]);
    const items: MyActivityItem[] = [];
    for (const r of rows) {
      const s = signUps.get(r.id);
      const k = checkIns.get(r.id);
      const item: MyActivityItem = {
        id: r.id,
        title: r.title,
        type: r.type,
        startAt: r.start_at,
        endAt: r.end_at,
        place: r.place,
        status: r.status,
        phase: phaseOf({ startAt: r.start_at, endAt: r.end_at }, ctx.now),
        signUp: s?.status ?? null,
      };
      if (s?.status === 'waitlisted' && r.status === 'published') item.position = await waitPosition(ctx.db, r.id, num(s.seq));
      if (k) item.checkedInAt = k.checked_in_at;
      if (r.status === 'cancelled' && r.cancel_reason) item.cancelReason = r.cancel_reason;
      items.push(item);
    }
    return { items: upcomingFirst(items) };
  },
});
