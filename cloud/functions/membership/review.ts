/**
 * 审核入会申请: `membership.review` (one application) and `membership.approveMany` (批量批准).
 * Application states: pending → approved (a member number is assigned, or an imported member of the
 * same person is linked) | rejected (with a reason shown to the worker).
 */
import * as c from '../../contract/membership/review';
import { AppError, REASONS } from '../../contract/errors';
import { decryptField, type Keys } from '../../domain/crypto';
import { BULK_APPROVE_MAX } from '../../domain/membership';
import { chinaDate } from '../../domain/time';
import { isUniqueViolation } from '../../storage/db';
import { notifyApplicationReviewed } from '../notify/producers';
import { claimImportedMember, insertMember } from '../../storage/members.repository';
import { applicationUnion, decidePendingApplication, loadApplication, setApplicationMember, type ApplicationRow } from '../../storage/membership.repository';
import { defineFunction, type FnContext, type Principal } from '../registry';
import { REVIEW_ROLES } from './roles';

/** Approves one pending application in its own transaction: a member number is assigned (or an imported member linked). */
async function approveApplication(ctx: FnContext, p: Principal, app: ApplicationRow): Promise<{ memberNo: string; memberId: string }> {
  const keys: Keys = ctx.services.keys;
  try {
    return await ctx.transaction(async (w) => {
      const decided = await decidePendingApplication(w.db, app.id, { status: 'approved', reviewedBy: p.userId, at: ctx.now.toISOString() });
      if (!decided) throw new AppError('application_not_pending');
      const claimed = app.existing_member_id ? await claimImportedMember(w.db, app.existing_member_id, app.user_id, app.id) : undefined;
      const member =
        claimed ??
        (await insertMember(w.db, keys, {
          userId: app.user_id,
          unionId: app.union_id,
          unitId: app.unit_id,
          unitName: app.unit_id ? null : app.unit_name,
          applicationId: app.id,
          data: {
            name: app.name,
            idNumber: decryptField(keys.field, app.id_number_enc),
            phone: decryptField(keys.field, app.phone_enc),
            ethnicity: app.ethnicity,
            education: app.education,
            politicalStatus: app.political_status,
            job: app.job,
            householdType: app.household_type,
          },
          now: ctx.now,
          today: chinaDate(ctx.now),
        }));
      await setApplicationMember(w.db, app.id, member.id);
      await notifyApplicationReviewed(w.db, { applicationId: app.id, userId: app.user_id, unionId: app.union_id, decision: 'approve', memberNo: member.memberNo, at: ctx.now });
      await w.audit({
        action: 'membership.review',
        objectType: 'application',
        objectId: app.id,
        unionId: app.union_id,
        detail: { decision: 'approve', memberId: member.id, memberNo: member.memberNo, linkedImportedMember: claimed !== undefined },
      });
      return { memberNo: member.memberNo, memberId: member.id };
    });
  } catch (err) {
    // Someone with this ID number became a member meanwhile (e.g. by an import): the application stays pending.
    if (isUniqueViolation(err)) throw new AppError('duplicate_identity', '该身份证号已是在册会员，不能重复入会；请核实后选择不批准');
    throw err;
  }
}

/**
 * 审核入会申请: approve (member number `<工会代码>-<6 位序号>` assigned at once; the worker's
 * status and card change at once) or reject with a reason shown to the worker.
 * An application of a union the caller has no role on answers `not_found`.
 */
export const review = defineFunction({
  contract: c.review,
  policy: {
    kind: 'objectRoles',
    what: '申请',
    roles: REVIEW_ROLES,
    locate: async (i, db) => {
      const union = await applicationUnion(db, i.applicationId);
      return union && { union };
    },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const app = await loadApplication(ctx.db, input.applicationId);
    if (!app) throw new AppError('not_found', '找不到该申请');
    if (app.status !== 'pending') throw new AppError('application_not_pending');
    if (input.decision === 'approve') {
      const m = await approveApplication(ctx, p, app);
      return { status: 'approved' as const, memberNo: m.memberNo, memberId: m.memberId };
    }
    await ctx.transaction(async (w) => {
      const decided = await decidePendingApplication(w.db, app.id, { status: 'rejected', reviewedBy: p.userId, at: ctx.now.toISOString(), rejectReason: input.reason ?? null });
      if (!decided) throw new AppError('application_not_pending');
      await notifyApplicationReviewed(w.db, { applicationId: app.id, userId: app.user_id, unionId: app.union_id, decision: 'reject', reason: input.reason, at: ctx.now });
      await w.audit({ action: 'membership.review', objectType: 'application', objectId: app.id, unionId: app.union_id, detail: { decision: 'reject', reason: input.reason } });
    });
    return { status: 'rejected' as const };
  },
});

/** 批量批准: each application on its own (one refusal does not stop the others); ids of other unions: `not_found`. */
export const approveMany = defineFunction({
  contract: c.approveMany,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const ids = [...new Set(input.applicationIds)].slice(0, BULK_APPROVE_MAX);
    const results: c.BulkResult[] = [];
    for (const applicationId of ids) {
      const app = await loadApplication(ctx.db, applicationId);
      if (!app || app.union_id !== input.unionId) {
        results.push({ applicationId, outcome: 'not_found', message: '找不到该申请' });
        continue;
      }
      if (app.status !== 'pending') {
        results.push({ applicationId, outcome: 'application_not_pending', message: REASONS.application_not_pending.message });
        continue;
      }
      try {
        const m = await approveApplication(ctx, p, app);
        results.push({ applicationId, outcome: 'approved', memberNo: m.memberNo });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({ applicationId, outcome: err.reason, message: err.message });
      }
    }
    return { results, approved: results.filter((r) => r.outcome === 'approved').length };
  },
});
