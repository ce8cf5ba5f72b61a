/**
 * 提交入会申请 (`membership.apply`): a signed-in worker applies with the invitation's token and their
 * real-name data; the same person applying twice is answered or refused here (see the function).
 */
import * as c from '../../contract/membership/apply';
import { AppError } from '../../contract/errors';
import { blindIndex } from '../../domain/crypto';
import { parseIdNumber } from '../../contract/fields/id-number';
import { joinTarget } from '../../domain/invitation';
import { parsePersonName } from '../../contract/fields/person-name';
import { parsePhone } from '../../contract/fields/phone';
import { chinaDate } from '../../domain/time';
import { isUniqueViolation } from '../../storage/db';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import {
  activeMemberOfUser,
  findUnit,
  identityAttemptsSince,
  identityHolder,
  insertApplication,
  pendingApplicationOfUser,
  recordIdentityAttempt,
  unionNameOf,
} from '../../storage/membership.repository';
import { defineFunction, type FnContext, type Principal } from '../registry';
import { usableInvitation } from './invite';

/** Identity conflicts one login may cause per day before `rate_limited` (the refusal must not become an oracle). */
const IDENTITY_ATTEMPTS_PER_DAY = 5;

/**
 * 提交入会申请. One pending application or active membership per ID number (blind index):
 * - the same login again while pending: answers the pending one (`duplicate: true`);
 * - the same login already a member: `already_member`;
 * - another login with a registered ID number: a neutral `duplicate_identity`, and the attempt is
 *   stored for the staff of the union holding that number (可疑登记); more than 5 a day: `rate_limited`;
 * - an imported member (no login yet) of the same union: the application links to it on approval.
 */
export const apply = defineFunction({
  contract: c.apply,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const id = parseIdNumber(input.idNumber, chinaDate(ctx.now));
    if (!id.ok) throw new AppError('invalid_id_number', id.message, [{ path: 'idNumber', message: id.message }]);
    const phone = parsePhone(input.phone);
    if (!phone.ok) throw new AppError('invalid_phone', phone.message, [{ path: 'phone', message: phone.message }]);
    const name = parsePersonName(input.name);
    if (!name.ok) throw new AppError('validation_error', undefined, [{ path: 'name', message: name.message }]);

    const inv = await usableInvitation(ctx, input.token);
    const chosen = input.unitId ? await findUnit(ctx.db, input.unitId) : undefined;
    const target = joinTarget({
      invitation: { unionId: inv.union_id, unionKind: inv.union_kind, unitId: inv.unit_id },
      chosenUnit: chosen ? { id: chosen.id, name: chosen.name, baseUnionId: chosen.base_union_id, industryUnionId: chosen.industry_union_id } : null,
      unitIdGiven: input.unitId,
      unitName: input.unitName,
    });
    if (!target.ok) throw new AppError('validation_error', undefined, [{ path: target.field, message: target.message }]);
    const unionName = (await unionNameOf(ctx.db, target.unionId)) ?? '';

    if (await activeMemberOfUser(ctx.db, p.userId)) throw new AppError('already_member');
    const pending = await pendingApplicationOfUser(ctx.db, p.userId);
    if (pending) return { applicationId: pending.id, status: 'pending' as const, unionId: pending.union_id, unionName: pending.union_name, duplicate: true };

    const holder = await identityHolder(ctx.db, blindIndex(ctx.services.keys.blindIndex, id.value));
    // The same login's own record, committed by a concurrent request (a double tap) since the checks above.
    if (holder?.userId === p.userId) {
      if (holder.kind === 'member') throw new AppError('already_member');
      return { applicationId: holder.id, status: 'pending' as const, unionId: holder.unionId, unionName: (await unionNameOf(ctx.db, holder.unionId)) ?? '', duplicate: true };
    }
    const claimable = holder?.kind === 'member' && holder.userId === null && holder.unionId === target.unionId;
    if (holder && !claimable) {
      await refuseIdentity(ctx, p, { holder, attemptedUnionId: target.unionId, invitationId: inv.id, name: name.value, idNumber: id.value, phone: phone.value });
    }

    const args = {
      userId: p.userId,
      unionId: target.unionId,
      unitId: target.unitId,
      unitName: target.unitName,
      invitationId: inv.id,
      name: name.value,
      gender: id.gender,
      birthDate: id.birthDate,
      idNumber: id.value,
      phone: phone.value,
      ethnicity: input.ethnicity,
      education: input.education,
      politicalStatus: input.politicalStatus,
      job: input.job,
      householdType: input.householdType,
      consentVersion: input.consentVersion,
      existingMemberId: claimable ? holder.id : null,
      now: ctx.now,
    };
    try {
      const applicationId = await ctx.transaction(async (w) => {
        const appId = await insertApplication(w.db, ctx.services.keys, args);
        await w.audit({
          objectType: 'application',
          objectId: appId,
          unionId: target.unionId,
          detail: { invitationId: inv.id, rerouted: target.rerouted, consentVersion: input.consentVersion, linksImportedMember: claimable },
        });
        return appId;
      });
      return { applicationId, status: 'pending' as const, unionId: target.unionId, unionName, duplicate: false };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // A race with another submission: the same login (double tap) or the same ID number.
      const mine = await pendingApplicationOfUser(ctx.db, p.userId);
      if (mine) return { applicationId: mine.id, status: 'pending' as const, unionId: mine.union_id, unionName: mine.union_name, duplicate: true };
      throw new AppError('duplicate_identity');
    }
  },
});

/** Stores the attempt (its own transaction, so the refusal is kept) and refuses neutrally. */
async function refuseIdentity(
  ctx: FnContext,
  p: Principal,
  a: { holder: NonNullable<Awaited<ReturnType<typeof identityHolder>>>; attemptedUnionId: string; invitationId: string; name: string; idNumber: string; phone: string },
): Promise<never> {
  await ctx.transaction(async (w) => {
    // Counted under the login's guard row, inside the transaction that stores the attempt
    // (limits.repository.ts): parallel submissions cannot all read the same count.
    await holdLimit(w.db, limitKey.identityAttempts(p.userId), ctx.now);
    if ((await identityAttemptsSince(w.db, p.userId, new Date(ctx.now.getTime() - 86400 * 1000))) >= IDENTITY_ATTEMPTS_PER_DAY) {
      throw new AppError('rate_limited', '提交次数过多，请明天再试或联系工会');
    }
    const attemptId = await recordIdentityAttempt(w.db, { userId: p.userId, ...a, now: ctx.now });
    await w.audit({
      action: 'membership.identityAttempt',
      objectType: 'identity_attempt',
      objectId: attemptId,
      unionId: a.holder.unionId,
      detail: { matched: a.holder.kind, matchedId: a.holder.id, attemptedUnionId: a.attemptedUnionId },
    });
  });
  throw new AppError('duplicate_identity');
}
