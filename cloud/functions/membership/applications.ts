/** 入会申请列表 (`membership.listApplications`): a union's review queue and its flagged identity attempts. */
import * as c from '../../contract/membership/applications';
import { ageOn } from '../../domain/membership';
import { chinaDate } from '../../domain/time';
import { applicationsOfUnion, countApplications, flaggedAttempts, type ApplicationRow } from '../../storage/membership.repository';
import { defineFunction } from '../registry';
import { REVIEW_ROLES } from './roles';

function applicationItem(
  r: ApplicationRow & { listed_unit_name: string | null; member_no: string | null },
  today: string,
): c.ApplicationItem {
  return {
    id: r.id,
    unionId: r.union_id,
    name: r.name,
    unitName: r.listed_unit_name ?? r.unit_name ?? '',
    createdAt: r.created_at,
    idNumberMasked: r.id_number_masked,
    phoneMasked: r.phone_masked,
    status: r.status,
    gender: r.gender,
    birthDate: r.birth_date,
    age: ageOn(r.birth_date, today),
    ethnicity: r.ethnicity,
    education: r.education,
    politicalStatus: r.political_status,
    job: r.job,
    householdType: r.household_type,
    consentVersion: r.consent_version,
    consentedAt: r.consented_at,
    linksImportedMember: r.existing_member_id !== null,
    rejectReason: r.reject_reason,
    reviewedAt: r.reviewed_at,
    memberNo: r.member_no,
  };
}

/**
 * 入会申请列表 of one union: pending oldest first (the queue), or approved / rejected newest
 * decision first; with the union's flagged identity attempts of the last 30 days (可疑登记).
 * Another union's list answers `not_found`.
 */
export const listApplications = defineFunction({
  contract: c.listApplications,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const status = input.status ?? 'pending';
    const since = new Date(ctx.now.getTime() - 30 * 86400 * 1000);
    const [rows, total, attempts] = await Promise.all([
      applicationsOfUnion(ctx.db, input.unionId, status, input.limit ?? 100),
      countApplications(ctx.db, input.unionId, status),
      flaggedAttempts(ctx.db, input.unionId, since),
    ]);
    const today = chinaDate(ctx.now);
    const flagged: c.FlaggedAttempt[] = attempts.map((a) => ({
      id: a.id,
      at: a.at,
      name: a.name,
      idNumberMasked: a.id_number_masked,
      phoneMasked: a.phone_masked,
      matched: a.matched,
      matchedName: a.matched_name ?? '',
      attemptedUnionName: a.attempted_union_name,
    }));
    return { items: rows.map((r) => applicationItem(r, today)), total, flagged };
  },
});
