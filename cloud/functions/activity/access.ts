/**
 * Who reaches an activity (活动). Staff functions declare `staffOfActivity`: the staff and chair of
 * the activity's union, and the industry admin over its base unions; everyone else, and a missing
 * activity, gets `not_found 找不到该活动`. Member functions load the activity as the member sees
 * it (not a draft, and they are in its audience), so other activities look like nothing at all.
 */
import { AppError } from '../../contract/errors';
import type { Role } from '../../contract/labels';
import { inAudience, industryOf, phaseOf, type MemberScope } from '../../domain/activity';
import { activeMemberOfUser, activityUnion, findActivity, memberIdsOfUser, mySignUpsAcross, rulesOf, type ActivityRow } from '../../storage/activities.repository';
import type { Q } from '../../storage/schema';
import { holdsRoleOn, type FnContext, type Policy } from '../registry';

/** Who runs a union's activities: its staff and chair, and the industry admin over its base unions. */
export const MANAGE: readonly Role[] = ['staff', 'chair', 'industryAdmin'];

export function notFound(): AppError {
  return new AppError('not_found', '找不到该活动');
}

/** The policy of a staff function whose input names an activity in its field `key`. */
export function staffOfActivity<K extends string>(key: K): Policy<Record<K, string>> {
  return {
    kind: 'objectRoles',
    what: '活动',
    roles: MANAGE,
    locate: async (input, db: Q) => {
      const union = await activityUnion(db, input[key]);
      return union && { union };
    },
  };
}

/** The activity the policy let through (gone since: `not_found`). */
export async function loadActivity(ctx: FnContext, id: string): Promise<ActivityRow> {
  const a = await findActivity(ctx.db, id);
  if (!a) throw notFound();
  return a;
}

/** The caller's active membership with the scope activities care about, or null. */
export async function memberOfUser(db: Q, userId: string): Promise<(MemberScope & { id: string; name: string }) | null> {
  const m = await activeMemberOfUser(db, userId);
  return m ? { id: m.id, name: m.name, unionId: m.union_id, industryUnionId: industryOf({ id: m.union_id, parent_id: m.parent_id }) } : null;
}

/** Does the caller run this activity's union (for the view: `canManage`, the counts)? */
export function manages(ctx: FnContext, a: ActivityRow): boolean {
  return ctx.principal !== null && holdsRoleOn(ctx.principal.roles, MANAGE, { id: a.union_id, parent_id: a.union_parent_id });
}

/**
 * For signing up and cancelling: the caller's active membership (else `not_member`, with
 * `notMember` as the message) and the activity, in their audience and not a draft (its staff
 * may reach a draft, and are then refused by its state); anything else is `not_found`.
 */
export async function loadForSignUp(ctx: FnContext, id: string, notMember?: string) {
  const p = ctx.requirePrincipal();
  const [a, member] = await Promise.all([findActivity(ctx.db, id), memberOfUser(ctx.db, p.userId)]);
  if (!member) throw new AppError('not_member', notMember);
  if (!a || !inAudience(rulesOf(a), member) || (a.status === 'draft' && !manages(ctx, a))) throw notFound();
  return { a, member };
}

/**
 * `activity.get` for a member: what `loadForMember` shows, and also an activity one of the caller's
 * earlier member records (e.g. before a transfer) signed up for or checked in to (read-only history;
 * signing up still goes through the current record and `loadForMember`).
 */
export async function loadForMemberOrHistory(ctx: FnContext, id: string) {
  const p = ctx.requirePrincipal();
  const [a, member, allIds] = await Promise.all([findActivity(ctx.db, id), memberOfUser(ctx.db, p.userId), memberIdsOfUser(ctx.db, p.userId)]);
  if (!a) throw notFound();
  const manage = manages(ctx, a);
  const visible = a.status !== 'draft' && member !== null && inAudience(rulesOf(a), member);
  // Before it ends, the detail shows the current record's sign-up only (that is the one the member can
  // cancel); once over, an earlier record's sign-up or check-in is history and shows too.
  if (visible) return { a, member, manage, memberIds: phaseOf({ startAt: a.start_at, endAt: a.end_at }, ctx.now) === 'ended' ? allIds : [member.id] };
  const past = allIds.filter((m) => m !== member?.id);
  const mine = a.status !== 'draft' && past.length ? await mySignUpsAcross(ctx.db, past, [a.id]) : null;
  const history = mine !== null && (mine.signUps.has(a.id) || mine.checkIns.has(a.id));
  if (!manage && !history) throw notFound();
  return { a, member: null, manage, memberIds: history ? past : [] };
}
