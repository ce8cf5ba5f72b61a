/**
 * Membership (入会与会员名册): `membership.resolveInvite`, `apply`, `myStatus`, `card` (workers
 * and members); `listApplications`, `review`, `approveMany`, `roster`, `reveal`, `leave`,
 * `exportRoster`, `exportRosterFull`, `importRoster`, `stats` (staff).
 *
 * Who may do what (besides the declared policies):
 * - reviewing and the masked roster: staff and chairs of the union, and the industry union's admin
 *   over its base unions (REVIEW_ROLES);
 * - full numbers (reveal, import) and the masked export: staff and chairs of that union only
 *   (PII_ROLES); the full export for 报送: the union's chair only, with a reason, 3 a day;
 * - functions that take an application or member id answer `not_found` for objects of unions the
 *   caller has no role on, so ids cannot be probed.
 */
import { createHash } from 'node:crypto';
import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import * as c from '../contract/membership.contract';
import { AppError, REASONS } from '../contract/errors';
import { IMPORT_MAX_BODY_BYTES, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_FILE_LABEL, IMPORT_MAX_ROWS, ROSTER_PAGE_SIZE_DEFAULT } from '../contract/membership.labels';
import { blindIndex, decryptField, newId, type Keys } from '../domain/crypto';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { INVITATION_STATE_MESSAGES, invitationState, joinTarget, readInviteToken } from '../domain/invitation';
import { issueMemberToken, MEMBER_TOKEN_TTL_SECONDS } from '../domain/member-token';
import { ageOn, BULK_APPROVE_MAX, classifyRosterQuery, deriveMyStatus, FULL_EXPORT_LIMIT_PER_DAY, membershipRate, prefixUpperBound, REVEAL_LIMIT_PER_HOUR } from '../domain/membership';
import { parsePersonName } from '../domain/person-name';
import { maskPhone, parsePhone } from '../domain/phone';
import { readRosterXlsx, writeRosterXlsx, type ImportRow, type RosterExportRow } from '../domain/roster-xlsx';
import { chinaClock, chinaDate, chinaDateOfIso, chinaTime } from '../domain/time';
import { decryptFieldsInOrder } from '../domain/decrypt-pool';
import { DEMO_APPLICATION_ID, DEMO_APPLICATION_ID_2, DEMO_MEMBER_ID, DEMO_MEMBER_ID_2 } from '../seed/membership-demo';
import { isUniqueViolation } from '../storage/db';
import { urlLinkFor } from './invitation-wechat';
import { notifyApplicationReviewed } from './notify/producers';
import { insertMember, insertMembers } from '../storage/members.repository';
import {
  activeMemberOfUser,
  fullExportsUsed,
  identityHolder,
  identityHolders,
  insertApplication,
  latestApplicationOfUser,
  latestLeftMemberOfUser,
  loadApplication,
  identityAttemptsSince,
  pendingApplicationOfUser,
  recordIdentityAttempt,
  revealTimesSince,
  takeFullExportSlot,
  unionNameOf,
  type ApplicationRow,
} from '../storage/membership.repository';
import { holdLimit, limitKey } from '../storage/limits.repository';
import type { Database, Q } from '../storage/schema';
import { defineFunction, holdsRoleOn, type FnContext, type Principal } from './registry';

const REVIEW_ROLES = ['staff', 'chair', 'industryAdmin'] as const;
const PII_ROLES = ['staff', 'chair'] as const;

/** Identity conflicts one login may cause per day before `rate_limited` (the refusal must not become an oracle). */
const IDENTITY_ATTEMPTS_PER_DAY = 5;
/** The window of the reveal limit (REVEAL_LIMIT_PER_HOUR). */
const REVEAL_WINDOW_MS = 3600 * 1000;

/** How long before the card QR expires the page asks for a new one. */
const CARD_REFRESH_MARGIN_SECONDS = 20;

/** The union a row belongs to, with its parent (for the industry admin's reach). */
async function unionRef(db: Q, unionId: string) {
  return db.selectFrom('unions').select(['id', 'name', 'kind', 'parent_id', 'code']).where('id', '=', unionId).executeTakeFirst();
}

/** Throws `not_found` unless the caller holds one of `roles` on `unionId` (same answer as a missing object). */
async function requireRoleOnObject(ctx: FnContext, p: Principal, roles: readonly ('staff' | 'chair' | 'industryAdmin')[], unionId: string, what: string): Promise<void> {
  const union = await unionRef(ctx.db, unionId);
  if (!union || !holdsRoleOn(p.roles, roles, union)) throw new AppError('not_found', `找不到该${what}`);
}

/** The invitation a token names, if it is usable; otherwise `invalid_invite` with a message for the worker. */
async function usableInvitation(ctx: FnContext, token: string) {
  const invitationId = readInviteToken(ctx.services.keys.token, token);
  const row = invitationId
    ? await ctx.db
        .selectFrom('invitations')
        .innerJoin('unions', 'unions.id', 'invitations.union_id')
        .select(['invitations.id', 'invitations.union_id', 'invitations.unit_id', 'invitations.expires_at', 'invitations.revoked_at', 'unions.name as union_name', 'unions.kind as union_kind', 'unions.parent_id'])
        .where('invitations.id', '=', invitationId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new AppError('invalid_invite', '二维码无效，请确认扫描的是工会的入会二维码');
  const state = invitationState(row, ctx.now);
  if (state !== 'active') throw new AppError('invalid_invite', INVITATION_STATE_MESSAGES[state]);
  return row;
}

/**
 * 在微信中打开 (public): the URL Link into the mini-program's join page for an invitation, for the H5
 * join page opened outside WeChat. Refused like `resolveInvite` for a bad or stopped code. The link
 * is kept per invitation (`invitation_wechat`, not business data: no audit event) and renewed when
 * less than a day is left, so a poster scanned by a whole workplace asks WeChat once a month; the
 * host also limits calls per client IP (rate-limit.ts, group LINK). WeChat's trouble answers
 * success without a link, with the reason (`unavailable`): the page then explains what to do.
 */
export const joinUrlLink = defineFunction({
  contract: c.joinUrlLink,
  policy: { kind: 'public' },
  kind: 'query',
  sample: () => ({ token: 'not-a-real-token.sig' }),
  async handler(input, ctx) {
    const inv = await usableInvitation(ctx, input.token);
    const wechat = ctx.services.wechat;
    if (!wechat) return { unavailable: { reason: 'wechat_not_configured' as const, message: '本服务未配置微信小程序，请用微信扫描海报上的二维码' } };
    try {
      const link = await urlLinkFor(ctx.db, wechat, inv.id, input.token, ctx.now);
      return { urlLink: link.url, expiresAt: link.expiresAt.toISOString() };
    } catch (err) {
      const reason = err instanceof AppError && (err.reason === 'wechat_limit' || err.reason === 'wechat_rejected') ? err.reason : ('wechat_unavailable' as const);
      return { unavailable: { reason, message: '暂时无法打开微信，请用微信扫一扫海报上的二维码' } };
    }
  },
});

/**
 * 读取入会邀请码 (public: the worker may not be logged in yet). Says which union the worker joins
 * and why, and which employers can be chosen.
 */
export const resolveInvite = defineFunction({
  contract: c.resolveInvite,
  policy: { kind: 'public' },
  kind: 'query',
  sample: () => ({ token: 'not-a-real-token.sig' }),
  async handler(input, ctx) {
    const inv = await usableInvitation(ctx, input.token);
    const union = { id: inv.union_id, name: inv.union_name, kind: inv.union_kind };
    const industry = inv.parent_id ? await unionRef(ctx.db, inv.parent_id) : { id: inv.union_id, name: inv.union_name };
    if (!industry) throw new AppError('not_found', '找不到行业工会');
    const base = { union, industry: { id: industry.id, name: industry.name }, expiresAt: inv.expires_at };
    if (inv.unit_id) {
      const unit = await ctx.db.selectFrom('units').select(['id', 'name']).where('id', '=', inv.unit_id).executeTakeFirstOrThrow();
      const explain =
        union.kind === 'base'
          ? `你的单位“${unit.name}”已建立工会，入会申请由“${union.name}”审核。`
          : `你的单位“${unit.name}”尚未建立基层工会，你将直接加入“${union.name}”。`;
      return { ...base, unit, explain, units: [], allowOtherUnit: false };
    }
    if (union.kind === 'base') {
      const units = await ctx.db.selectFrom('units').select(['id', 'name']).where('base_union_id', '=', union.id).orderBy('name').execute();
      return {
        ...base,
        explain: `“${union.name}”是你所在单位的基层工会，入会申请由它审核。`,
        units: units.map((u) => ({ ...u, unionId: union.id, unionName: union.name, unionKind: 'base' as const })),
        allowOtherUnit: false,
      };
    }
    const units = await ctx.db
      .selectFrom('units')
      .leftJoin('unions', 'unions.id', 'units.base_union_id')
      .select(['units.id', 'units.name', 'units.base_union_id', 'unions.name as base_name'])
      .where('units.industry_union_id', '=', union.id)
      .orderBy('units.name')
      .execute();
    return {
      ...base,
      explain: `单位已建立基层工会的，通过本单位工会入会；尚未建立的，直接加入“${union.name}”。请选择你的工作单位。`,
      units: units.map((u) =>
        u.base_union_id && u.base_name
          ? { id: u.id, name: u.name, unionId: u.base_union_id, unionName: u.base_name, unionKind: 'base' as const }
          : { id: u.id, name: u.name, unionId: union.id, unionName: union.name, unionKind: 'industry' as const },
      ),
      allowOtherUnit: true,
    };
  },
});

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
  sample: () => ({
    token: 'not-a-real-token.sig',
    name: '王芳',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    ethnicity: '汉族' as const,
    education: '高中' as const,
    politicalStatus: '群众' as const,
    job: '厨师',
    householdType: '非农业户口' as const,
    unitId: 'unit-wxy',
    consentVersion: 'join-consent-2026-11-v2' as const,
  }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const id = parseIdNumber(input.idNumber, chinaDate(ctx.now));
    if (!id.ok) throw new AppError('invalid_id_number', id.message, [{ path: 'idNumber', message: id.message }]);
    const phone = parsePhone(input.phone);
    if (!phone.ok) throw new AppError('invalid_phone', phone.message, [{ path: 'phone', message: phone.message }]);
    const name = parsePersonName(input.name);
    if (!name.ok) throw new AppError('validation_error', undefined, [{ path: 'name', message: name.message }]);

    const inv = await usableInvitation(ctx, input.token);
    const chosen = input.unitId
      ? await ctx.db.selectFrom('units').select(['id', 'name', 'base_union_id', 'industry_union_id']).where('id', '=', input.unitId).executeTakeFirst()
      : undefined;
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

/** 我的入会状态: 审核中 / 已入会 / 未通过 (with the reason) / 已退会 / 尚未入会. */
export const myStatus = defineFunction({
  contract: c.myStatus,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const [member, app, left] = await Promise.all([activeMemberOfUser(ctx.db, p.userId), latestApplicationOfUser(ctx.db, p.userId), latestLeftMemberOfUser(ctx.db, p.userId)]);
    const derived = deriveMyStatus({
      activeMember: member ? { unionId: member.union_id, memberNo: member.member_no, joinedAt: member.joined_at } : undefined,
      leftMember: left ? { unionId: left.union_id, memberNo: left.member_no, leftAt: left.left_at } : undefined,
      latestApplication: app ? { id: app.id, unionId: app.union_id, status: app.status, createdAt: app.created_at, rejectReason: app.reject_reason } : undefined,
    });
    const result: c.MyStatus = { status: derived.status };
    if (derived.unionId) {
      result.unionId = derived.unionId;
      result.unionName = await unionNameOf(ctx.db, derived.unionId);
    }
    if (derived.memberNo) result.memberNo = derived.memberNo;
    if (derived.reason) result.reason = derived.reason;
    if (derived.applicationId) {
      result.applicationId = derived.applicationId;
      if (app) result.submittedAt = app.created_at;
    }
    if (derived.status === 'member' && member) result.joinedAt = member.joined_at;
    return result;
  },
});

/**
 * 电子会员卡: name, union, member number, join date and the member QR token (signed, valid
 * 120 s, naming the member by internal id only). The card page asks again after
 * `refreshAfterSeconds`. Not a member: `not_found`.
 */
export const card = defineFunction({
  contract: c.card,
  policy: { kind: 'signedIn' },
  kind: 'query',
  sample: () => ({}),
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await activeMemberOfUser(ctx.db, p.userId);
    if (!m) throw new AppError('not_found', '你还不是会员，入会申请通过后才有电子会员卡');
    const industry = m.union_parent_id ? await unionRef(ctx.db, m.union_parent_id) : undefined;
    const qr = issueMemberToken(ctx.services.keys.token, m.id, m.union_id, ctx.now);
    return {
      name: m.name,
      unionName: m.union_name,
      memberNo: m.member_no,
      joinedAt: m.joined_at,
      token: qr.token,
      expiresAt: qr.expiresAt.toISOString(),
      refreshAfterSeconds: MEMBER_TOKEN_TTL_SECONDS - CARD_REFRESH_MARGIN_SECONDS,
      unitName: m.listed_unit_name ?? m.unit_name,
      industryName: industry?.name ?? null,
      gender: m.gender,
    };
  },
});

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
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const status = input.status ?? 'pending';
    let q = ctx.db
      .selectFrom('applications')
      .leftJoin('units', 'units.id', 'applications.unit_id')
      .leftJoin('members', 'members.id', 'applications.member_id')
      .selectAll('applications')
      .select(['units.name as listed_unit_name', 'members.member_no'])
      .where('applications.union_id', '=', input.unionId)
      .where('applications.status', '=', status);
    q = status === 'pending' ? q.orderBy('applications.created_at', 'asc') : q.orderBy('applications.reviewed_at', 'desc');
    const rows = await q.orderBy('applications.id').limit(input.limit ?? 100).execute();
    const total = await ctx.db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('union_id', '=', input.unionId)
      .where('status', '=', status)
      .executeTakeFirstOrThrow();
    const today = chinaDate(ctx.now);

    const since = new Date(ctx.now.getTime() - 30 * 86400 * 1000).toISOString();
    const attempts = await ctx.db
      .selectFrom('identity_attempts')
      .innerJoin('unions', 'unions.id', 'identity_attempts.attempted_union_id')
      .selectAll('identity_attempts')
      .select('unions.name as attempted_union_name')
      .where('identity_attempts.union_id', '=', input.unionId)
      .where('identity_attempts.at', '>', since)
      .orderBy('identity_attempts.at', 'desc')
      .limit(50)
      .execute();
    const flagged: c.FlaggedAttempt[] = [];
    for (const a of attempts) {
      const matched =
        a.matched === 'member'
          ? await ctx.db.selectFrom('members').select('name').where('id', '=', a.matched_id).executeTakeFirst()
          : await ctx.db.selectFrom('applications').select('name').where('id', '=', a.matched_id).executeTakeFirst();
      flagged.push({
        id: a.id,
        at: a.at,
        name: a.name,
        idNumberMasked: a.id_number_masked,
        phoneMasked: a.phone_masked,
        matched: a.matched,
        matchedName: matched?.name ?? '',
        attemptedUnionName: a.attempted_union_name,
      });
    }
    return { items: rows.map((r) => applicationItem(r, today)), total: Number(total.n), flagged };
  },
});

/** Approves one pending application in its own transaction: a member number is assigned (or an imported member linked). */
async function approveApplication(ctx: FnContext, p: Principal, app: ApplicationRow): Promise<{ memberNo: string; memberId: string }> {
  const keys: Keys = ctx.services.keys;
  try {
    return await ctx.transaction(async (w) => {
      const at = ctx.now.toISOString();
      const upd = await w.db
        .updateTable('applications')
        .set({ status: 'approved', reviewed_by: p.userId, reviewed_at: at })
        .where('id', '=', app.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(upd.numUpdatedRows) === 0) throw new AppError('application_not_pending');
      let member: { id: string; memberNo: string } | undefined;
      let linked = false;
      if (app.existing_member_id) {
        const imported = await w.db
          .selectFrom('members')
          .select(['id', 'member_no'])
          .where('id', '=', app.existing_member_id)
          .where('status', '=', 'active')
          .where('user_id', 'is', null)
          .executeTakeFirst();
        if (imported) {
          await w.db.updateTable('members').set({ user_id: app.user_id, application_id: app.id }).where('id', '=', imported.id).execute();
          member = { id: imported.id, memberNo: imported.member_no };
          linked = true;
        }
      }
      if (!member) {
        member = await insertMember(w.db, keys, {
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
        });
      }
      await w.db.updateTable('applications').set({ member_id: member.id }).where('id', '=', app.id).execute();
      await notifyApplicationReviewed(w.db, { applicationId: app.id, userId: app.user_id, unionId: app.union_id, decision: 'approve', memberNo: member.memberNo, at: ctx.now });
      await w.audit({
        action: 'membership.review',
        objectType: 'application',
        objectId: app.id,
        unionId: app.union_id,
        detail: { decision: 'approve', memberId: member.id, memberNo: member.memberNo, linkedImportedMember: linked },
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
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ applicationId: DEMO_APPLICATION_ID, decision: 'approve' as const }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const app = await loadApplication(ctx.db, input.applicationId);
    if (!app) throw new AppError('not_found', '找不到该申请');
    await requireRoleOnObject(ctx, p, REVIEW_ROLES, app.union_id, '申请');
    if (app.status !== 'pending') throw new AppError('application_not_pending');
    if (input.decision === 'approve') {
      const m = await approveApplication(ctx, p, app);
      return { status: 'approved' as const, memberNo: m.memberNo, memberId: m.memberId };
    }
    await ctx.transaction(async (w) => {
      const upd = await w.db
        .updateTable('applications')
        .set({ status: 'rejected', reviewed_by: p.userId, reviewed_at: ctx.now.toISOString(), reject_reason: input.reason ?? null })
        .where('id', '=', app.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(upd.numUpdatedRows) === 0) throw new AppError('application_not_pending');
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
  sample: (f) => ({ unionId: f.baseUnionId, applicationIds: [DEMO_APPLICATION_ID_2] }),
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

/**
 * 会员名册 of one union, masked: search by name or member number (part), full phone or ID number
 * (exact, by blind index) or a phone's last 4 digits; filter by unit and status; paginated by
 * member number. Another union's roster answers `not_found`.
 */
export const roster = defineFunction({
  contract: c.roster,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId, query: '王', page: 1, pageSize: 20 }),
  async handler(input, ctx) {
    const q = classifyRosterQuery(input.query, chinaDate(ctx.now));
    const unionCode = q.kind === 'memberNo' && !q.value.includes('-') ? (await unionRef(ctx.db, input.unionId))?.code : undefined;
    const status = input.status ?? 'active';
    const keys = ctx.services.keys;
    const where = (eb: ExpressionBuilder<Database, 'members'>) => {
      const conds: Expression<SqlBool>[] = [eb('members.union_id', '=', input.unionId)];
      if (status !== 'all') conds.push(eb('members.status', '=', status));
      if (input.unitId) conds.push(eb('members.unit_id', '=', input.unitId));
      if (q.kind === 'idNumber') conds.push(eb('members.id_number_bidx', '=', blindIndex(keys.blindIndex, q.value)));
      if (q.kind === 'phone') conds.push(eb('members.phone_bidx', '=', blindIndex(keys.blindIndex, q.value)));
      if (q.kind === 'phoneTail') conds.push(eb('members.phone_tail', '=', q.value));
      if (q.kind === 'memberNo') conds.push(eb('members.member_no', '=', q.value.includes('-') ? q.value : `${unionCode}-${q.value.padStart(6, '0')}`));
      // From the start, as a range on the index (both backends compare these columns in code-point order: migration 010).
      if (q.kind === 'memberNoPrefix') conds.push(eb('members.member_no', '>=', q.value), eb('members.member_no', '<', prefixUpperBound(q.value)));
      if (q.kind === 'text') conds.push(eb('members.name', '>=', q.value), eb('members.name', '<', prefixUpperBound(q.value)));
      return eb.and(conds);
    };
    const pageSize = input.pageSize ?? ROSTER_PAGE_SIZE_DEFAULT;
    const page = input.page ?? 1;
    // The total and the page side by side: on PostgreSQL they run on two pooled connections at once.
    const [total, rows] = await Promise.all([
      ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('members')
        .select(['id', 'name', 'member_no', 'unit_id', 'unit_name', 'id_number_masked', 'phone_masked', 'status', 'gender', 'job', 'joined_at', 'left_at'])
        .where(where)
        .orderBy('member_no')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
    ]);
    const unitIds = [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => x !== null))];
    const units = unitIds.length ? await ctx.db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds).execute() : [];
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    return {
      items: rows.map((r) => ({
        memberId: r.id,
        name: r.name,
        memberNo: r.member_no,
        unitName: (r.unit_id ? unitName.get(r.unit_id) : undefined) ?? r.unit_name ?? '',
        idNumberMasked: r.id_number_masked,
        phoneMasked: r.phone_masked,
        status: r.status,
        gender: r.gender,
        job: r.job,
        joinedAt: r.joined_at,
        leftAt: r.left_at,
      })),
      total: Number(total.n),
      page,
      pageSize,
    };
  },
});

/** Loads a member for staff of its union (`roles`), else `not_found`. */
async function memberForStaff(ctx: FnContext, p: Principal, memberId: string, roles: readonly ('staff' | 'chair' | 'industryAdmin')[]) {
  const m = await ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!m) throw new AppError('not_found', '找不到该会员');
  await requireRoleOnObject(ctx, p, roles, m.union_id, '会员');
  return m;
}

/**
 * 查看完整: the full ID number or phone of one member, for staff and chairs of that member's union
 * only, with a reason; written to the audit log (the reason, never the value). At most
 * 30 reveals per staffer per hour (`rate_limited`).
 */
export const reveal = defineFunction({
  contract: c.reveal,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ memberId: DEMO_MEMBER_ID, field: 'phone' as const, reason: '核对联系方式' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await memberForStaff(ctx, p, input.memberId, PII_ROLES);
    if (m.anonymised_at) throw new AppError('not_found', '该会员的个人信息已按规定删除');
    // Counted inside the transaction that records the reveal, under the staffer's guard row
    // (limits.repository.ts): parallel reveals take turns, so the 31st of the hour is refused.
    await ctx.transaction(async (w) => {
      await holdLimit(w.db, limitKey.reveal(p.userId), ctx.now);
      const recent = await revealTimesSince(w.db, p.userId, new Date(ctx.now.getTime() - REVEAL_WINDOW_MS), REVEAL_LIMIT_PER_HOUR);
      if (recent.length >= REVEAL_LIMIT_PER_HOUR) {
        const free = new Date(Date.parse(recent[REVEAL_LIMIT_PER_HOUR - 1]!) + REVEAL_WINDOW_MS);
        throw new AppError('rate_limited', `一小时内最多查看 ${REVEAL_LIMIT_PER_HOUR} 次完整号码，请于 ${chinaClock(free, ctx.now)} 后再试`);
      }
      await w.audit({ objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { field: input.field, reason: input.reason } });
    });
    return { value: decryptField(ctx.services.keys.field, input.field === 'idNumber' ? m.id_number_enc : m.phone_enc) };
  },
});

/**
 * 退会: the member stays on the roster as 已退会 (with when and why); the card stops; a pending
 * transfer is withdrawn. Staff of the member's union (or the industry admin) name the member;
 * without `memberId` the caller leaves themself (`not_member` when they are not an active member).
 * Repeating it changes nothing. Personal data is anonymised RETENTION_YEARS after leaving.
 */
export const leave = defineFunction({
  contract: c.leave,
  policy: { kind: 'signedIn' },
  kind: 'mutation',
  sample: () => ({ memberId: DEMO_MEMBER_ID_2, reason: '离职' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    let m: Awaited<ReturnType<typeof memberForStaff>>;
    let by: 'member' | 'staff' = 'staff';
    if (input.memberId) {
      const own = await ctx.db.selectFrom('members').selectAll().where('id', '=', input.memberId).where('user_id', '=', p.userId).executeTakeFirst();
      m = own ?? (await memberForStaff(ctx, p, input.memberId, REVIEW_ROLES));
      if (own) by = 'member';
    } else {
      const own = await ctx.db.selectFrom('members').selectAll().where('user_id', '=', p.userId).where('status', '=', 'active').executeTakeFirst();
      if (!own) throw new AppError('not_member', '你目前不是在册会员');
      m = own;
      by = 'member';
    }
    if (m.status === 'left') return { status: 'left' as const, leftAt: m.left_at ?? m.created_at, duplicate: true };
    const leftAt = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await w.db.updateTable('members').set({ status: 'left', left_at: leftAt, left_reason: input.reason }).where('id', '=', m.id).where('status', '=', 'active').execute();
      const withdrawn = await w.db
        .updateTable('member_transfers')
        .set({ status: 'cancelled', decided_by: p.userId, decided_at: leftAt, decision_note: '会员已退会' })
        .where('member_id', '=', m.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      await w.audit({ objectType: 'member', objectId: m.id, unionId: m.union_id, detail: { reason: input.reason, memberNo: m.member_no, by, transfersWithdrawn: Number(withdrawn.numUpdatedRows) } });
    });
    return { status: 'left' as const, leftAt, duplicate: false };
  },
});

/** What the roster file needs of each member (100,000 rows: the blind indexes are not read for nothing). */
async function rosterForExport(ctx: FnContext, unionId: string, status: 'active' | 'all' | undefined) {
  let q = ctx.db
    .selectFrom('members')
    .leftJoin('units', 'units.id', 'members.unit_id')
    .select([
      'members.name',
      'members.gender',
      'members.ethnicity',
      'members.birth_date',
      'members.id_number_enc',
      'members.phone_enc',
      'members.id_number_masked',
      'members.phone_masked',
      'members.education',
      'members.political_status',
      'members.household_type',
      'members.unit_name',
      'members.job',
      'members.joined_at',
      'members.member_no',
      'members.status',
      'units.name as listed_unit_name',
    ])
    .where('members.union_id', '=', unionId);
  if ((status ?? 'active') === 'active') q = q.where('members.status', '=', 'active');
  // Anonymised former members (匿名化) have nothing left to report.
  q = q.where('members.anonymised_at', 'is', null);
  return q.orderBy('members.member_no').execute();
}

type RosterMember = Awaited<ReturnType<typeof rosterForExport>>[number];

function exportRow(m: RosterMember, unionName: string, joinedDate: (iso: string) => string, idNumber: string, phone: string): RosterExportRow {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birth_date,
    idNumber,
    phone,
    education: m.education,
    politicalStatus: m.political_status,
    householdType: m.household_type,
    unitName: m.listed_unit_name ?? m.unit_name ?? '',
    job: m.job,
    joinedDate: joinedDate(m.joined_at),
    memberNo: m.member_no,
    unionName,
    status: m.status,
  };
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The day's full-export slots were all taken (rolls back the transaction that looked). */
class NoExportSlotLeft extends Error {}

/**
 * 导出会员名册 (.xlsx, layout in docs/roster-xlsx.md), numbers masked (`110***********1234`,
 * `138****5678`): for staff and chairs of that union, to work with offline; audited with the row
 * count. The full numbers for 报送 come only from `exportRosterFull`.
 */
export const exportRoster = defineFunction({
  contract: c.exportRoster,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const union = await unionRef(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const members = await rosterForExport(ctx, union.id, input.status);
    const joinedDate = chinaDateOfIso();
    const file = await writeRosterXlsx(
      members.map((m) => exportRow(m, union.name, joinedDate, m.id_number_masked, m.phone_masked)),
      { unionName: union.name, exportedAt: ctx.now, properties: { title: `会员名册（号码已打码）— ${union.name}`, subject: '身份证号和手机号已打码，不能用于报送全省工会会员实名制系统' } },
    );
    await ctx.transaction(async (w) => {
      await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { rows: members.length, status: input.status ?? 'active', numbers: 'masked' } });
    });
    return { fileName: `会员名册-${union.name}-${chinaDate(ctx.now)}.xlsx`, mimeType: XLSX_MIME, base64: file.toString('base64'), rows: members.length };
  },
});

/**
 * 完整导出会员名册 for 报送 to the provincial real-name system (全省工会会员实名制系统): full ID
 * numbers and phones, in the one worksheet of docs/roster-xlsx.md. The union's chair only, with a
 * reason; at most FULL_EXPORT_LIMIT_PER_DAY per union per China day (`rate_limited`), counted
 * atomically in the database. Who exported it, when and why go into the workbook's document
 * properties and, with the row count and the day's slot, into the audit trail; a refused attempt
 * is audited too (`membership.exportRosterFull.refused`).
 */
export const exportRosterFull = defineFunction({
  contract: c.exportRosterFull,
  policy: { kind: 'unionRoles', roles: ['chair'], unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  sample: (f) => ({ unionId: f.baseUnionId, reason: '报送全省工会会员实名制系统（样例）' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await unionRef(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const day = chinaDate(ctx.now);
    const refuse = async (): Promise<never> => {
      await ctx.transaction(async (w) => {
        await w.audit({ action: 'membership.exportRosterFull.refused', objectType: 'union', objectId: union.id, unionId: union.id, detail: { reason: input.reason, day, limit: FULL_EXPORT_LIMIT_PER_DAY } });
      });
      throw new AppError('rate_limited', `完整名册每个工会每天最多导出 ${FULL_EXPORT_LIMIT_PER_DAY} 次，请明天再试`);
    };
    // A cheap look first, so a burst past the limit does not decrypt the roster for nothing; the slot itself is taken below.
    if ((await fullExportsUsed(ctx.db, union.id, day)) >= FULL_EXPORT_LIMIT_PER_DAY) return refuse();
    const exporter = await ctx.db.selectFrom('users').select('display_name').where('id', '=', p.userId).executeTakeFirst();
    const exporterName = exporter?.display_name || p.userId;
    const members = await rosterForExport(ctx, union.id, input.status);
    const keys = ctx.services.keys;
    const joinedDate = chinaDateOfIso();
    // ID numbers and phones are decrypted in worker threads while the file is written, a few
    // thousand rows ahead of it (not the plaintext of the whole roster at once). Chunks hold whole pairs.
    const sealed: string[] = [];
    for (const m of members) sealed.push(m.id_number_enc, m.phone_enc);
    async function* rows(): AsyncIterable<RosterExportRow[]> {
      let i = 0;
      for await (const plain of decryptFieldsInOrder(keys.field, sealed)) {
        const batch: RosterExportRow[] = [];
        for (let k = 0; k < plain.length; k += 2) batch.push(exportRow(members[i++], union!.name, joinedDate, plain[k], plain[k + 1]));
        yield batch;
      }
    }
    const at = `${chinaDate(ctx.now)} ${chinaTime(ctx.now)}（北京时间）`;
    const file = await writeRosterXlsx(rows(), {
      unionName: union.name,
      exportedAt: ctx.now,
      creator: exporterName,
      properties: {
        title: `会员名册（完整号码）— ${union.name}`,
        subject: '报送全省工会会员实名制系统',
        description: `导出人：${exporterName}（${union.name} 工会主席）；导出时间：${at}；事由：${input.reason}；共 ${members.length} 人`,
        keywords: '会员名册 实名制 报送 完整号码',
        category: '个人信息 · 妥善保管',
        lastModifiedBy: exporterName,
      },
    });
    let slot: number;
    try {
      slot = await ctx.transaction(async (w) => {
        const taken = await takeFullExportSlot(w.db, union.id, day, FULL_EXPORT_LIMIT_PER_DAY);
        if (taken === null) throw new NoExportSlotLeft();
        await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { reason: input.reason, rows: members.length, status: input.status ?? 'active', numbers: 'full', day, slot: taken } });
        return taken;
      });
    } catch (err) {
      // Taken by calls that arrived at the same time: the file is dropped, never answered.
      if (err instanceof NoExportSlotLeft) return refuse();
      throw err;
    }
    return {
      fileName: `会员名册-报送-${union.name}-${chinaDate(ctx.now)}.xlsx`,
      mimeType: XLSX_MIME,
      base64: file.toString('base64'),
      rows: members.length,
      remainingToday: FULL_EXPORT_LIMIT_PER_DAY - slot,
    };
  },
});

interface CheckedImport {
  valid: (ImportRow & { unitId: string | null; unitNameOther: string | null })[];
  problems: c.ImportProblem[];
  totalRows: number;
}

/** The file's own checks, then the database's: unit of this union, not already a member or applicant. */
async function checkImport(db: Q, keys: Keys, union: { id: string; kind: 'industry' | 'base' }, file: Buffer, today: string): Promise<CheckedImport> {
  const read = await readRosterXlsx(file, { today, maxRows: IMPORT_MAX_ROWS });
  const units =
    union.kind === 'base'
      ? await db.selectFrom('units').select(['id', 'name', 'base_union_id']).where('base_union_id', '=', union.id).execute()
      : await db.selectFrom('units').select(['id', 'name', 'base_union_id']).where('industry_union_id', '=', union.id).execute();
  const byName = new Map(units.map((u) => [u.name, u]));
  const problems: c.ImportProblem[] = [...read.problems];
  const valid: CheckedImport['valid'] = [];
  const candidates: CheckedImport['valid'] = [];
  for (const r of read.rows) {
    const unit = byName.get(r.unitName);
    let unitId: string | null = null;
    let unitNameOther: string | null = null;
    if (union.kind === 'base') {
      if (!unit) {
        problems.push({ row: r.row, field: '工作单位', problem: `不是本工会的会员单位（应为：${units.map((u) => u.name).join('、')}）` });
        continue;
      }
      unitId = unit.id;
    } else if (unit?.base_union_id) {
      problems.push({ row: r.row, field: '工作单位', problem: '该单位已建立基层工会，请由该基层工会导入' });
      continue;
    } else if (unit) unitId = unit.id;
    else unitNameOther = r.unitName;
    candidates.push({ ...r, unitId, unitNameOther });
  }
  // Already a member or an applicant anywhere: looked up 500 ID numbers at a time (10,000 rows = 20 + 20 queries).
  const holders = await identityHolders(
    db,
    candidates.map((r) => blindIndex(keys.blindIndex, r.idNumber)),
  );
  candidates.forEach((r, i) => {
    const holder = holders[i];
    if (holder) problems.push({ row: r.row, field: '身份证号', problem: holder === 'member' ? '该身份证号已登记为在册会员' : '该身份证号已有待审核的入会申请' });
    else valid.push(r);
  });
  problems.sort((a, b) => a.row - b.row);
  return { valid, problems, totalRows: read.totalRows };
}

/**
 * 导入会员名册 (.xlsx, same layout as the export), in two steps:
 * - `preview`: checks every row and answers a report `{row, field, problem}` (no personal numbers,
 *   a masked sample of valid rows); nothing is written;
 * - `confirm` with the preview's `fileHash`: checks again and writes only the valid rows (member
 *   numbers assigned in file order). The same file confirmed again writes nothing (`duplicate`).
 * Staff and chairs of that union only. The file travels base64 in the request body (limit 6 MB
 * for this function): at most 4 MB and 10,000 rows (docs/roster-xlsx.md).
 */
export const importRoster = defineFunction({
  contract: c.importRoster,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  maxBodyBytes: IMPORT_MAX_BODY_BYTES,
  sample: (f) => ({ unionId: f.baseUnionId, mode: 'preview' as const, fileBase64: '' }),
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await unionRef(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const file = Buffer.from(input.fileBase64, 'base64');
    if (file.length > IMPORT_MAX_FILE_BYTES) throw new AppError('validation_error', undefined, [{ path: 'fileBase64', message: `文件过大（上限 ${IMPORT_MAX_FILE_LABEL}）` }]);
    const fileHash = createHash('sha256').update(file).digest('hex');
    const today = chinaDate(ctx.now);

    if (input.mode === 'preview') {
      const checked = await checkImport(ctx.db, ctx.services.keys, union, file, today);
      return {
        mode: 'preview' as const,
        fileHash,
        totalRows: checked.totalRows,
        validRows: checked.valid.length,
        problems: checked.problems,
        sample: checked.valid.slice(0, 10).map((r) => ({
          row: r.row,
          name: r.name,
          idNumberMasked: maskIdNumber(r.idNumber),
          phoneMasked: maskPhone(r.phone),
          unitName: r.unitName,
        })),
        maxRows: IMPORT_MAX_ROWS,
      };
    }

    if (input.previewHash !== fileHash) throw new AppError('validation_error', undefined, [{ path: 'previewHash', message: '文件与预览时的不同，请重新预览' }]);
    const earlier = async () => {
      const row = await ctx.db.selectFrom('roster_imports').select(['id', 'result']).where('union_id', '=', union.id).where('file_hash', '=', fileHash).executeTakeFirst();
      return row ? { ...(JSON.parse(row.result) as Omit<c.ImportConfirmed, 'duplicate'>), duplicate: true } : undefined;
    };
    const before = await earlier();
    if (before) return before;
    try {
      return await ctx.transaction(async (w) => {
        const checked = await checkImport(w.db, ctx.services.keys, union, file, today);
        const importId = newId('imp');
        await insertMembers(
          w.db,
          ctx.services.keys,
          union.id,
          checked.valid.map((r) => ({
            userId: null,
            unionId: union.id,
            unitId: r.unitId,
            unitName: r.unitNameOther,
            data: r,
            now: ctx.now,
            today,
            joinedAt: r.joinedDate ? new Date(`${r.joinedDate}T00:00:00+08:00`).toISOString() : undefined,
          })),
        );
        const result: Omit<c.ImportConfirmed, 'duplicate'> = { mode: 'confirm', importId, imported: checked.valid.length, skipped: checked.problems };
        await w.db
          .insertInto('roster_imports')
          .values({ id: importId, union_id: union.id, file_hash: fileHash, file_name: input.fileName ?? null, created_by: p.userId, created_at: ctx.now.toISOString(), result: JSON.stringify(result) })
          .execute();
        await w.audit({
          objectType: 'roster_import',
          objectId: importId,
          unionId: union.id,
          detail: { fileName: input.fileName ?? null, fileHash, imported: result.imported, skipped: result.skipped.length },
        });
        return { ...result, duplicate: false };
      });
    } catch (err) {
      // Two confirms of the same file at once: the second finds the first's result.
      if (isUniqueViolation(err)) {
        const after = await earlier();
        if (after) return after;
        throw new AppError('duplicate_identity', '导入期间名册发生了变化，请重新预览后再确认');
      }
      throw err;
    }
  },
});

/**
 * 入会统计: members, employees and the membership rate (入会率 = members / employees) per unit, and
 * for the industry union per base union (plus its own direct members); pending applications.
 */
export const stats = defineFunction({
  contract: c.stats,
  policy: { kind: 'unionRoles', roles: REVIEW_ROLES, unionOf: (i) => i.unionId },
  kind: 'query',
  sample: (f) => ({ unionId: f.baseUnionId }),
  async handler(input, ctx) {
    const union = await unionRef(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const bases = union.kind === 'industry' ? await ctx.db.selectFrom('unions').select(['id', 'name']).where('parent_id', '=', union.id).orderBy('code').execute() : [];
    const unionIds = [union.id, ...bases.map((b) => b.id)];
    const units = await ctx.db
      .selectFrom('units')
      .select(['id', 'name', 'employees', 'base_union_id'])
      .where(union.kind === 'industry' ? 'industry_union_id' : 'base_union_id', '=', union.id)
      .orderBy('name')
      .execute();
    const counts = await ctx.db
      .selectFrom('members')
      .select(['union_id', 'unit_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .where('union_id', 'in', unionIds)
      .groupBy(['union_id', 'unit_id'])
      .execute();
    const pendingRows = await ctx.db
      .selectFrom('applications')
      .select(['union_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .where('union_id', 'in', unionIds)
      .groupBy('union_id')
      .execute();
    const pendingOf = new Map(pendingRows.map((r) => [r.union_id, Number(r.n)]));
    const membersOfUnit = new Map<string, number>();
    const membersOfUnion = new Map<string, number>();
    let otherUnitMembers = 0;
    for (const r of counts) {
      const n = Number(r.n);
      membersOfUnion.set(r.union_id, (membersOfUnion.get(r.union_id) ?? 0) + n);
      if (r.unit_id) membersOfUnit.set(r.unit_id, (membersOfUnit.get(r.unit_id) ?? 0) + n);
      else otherUnitMembers += n;
    }
    const unionName = new Map<string, string>([[union.id, union.name], ...bases.map((b) => [b.id, b.name] as [string, string])]);
    const unitStats: c.UnitStats[] = units.map((u) => {
      const members = membersOfUnit.get(u.id) ?? 0;
      const owner = u.base_union_id ?? union.id;
      return { id: u.id, name: u.name, unionId: owner, unionName: unionName.get(owner) ?? '', employees: u.employees, members, rate: membershipRate(members, u.employees) };
    });
    const line = (id: string, name: string) => {
      const own = unitStats.filter((u) => u.unionId === id);
      const employees = own.reduce((s, u) => s + u.employees, 0);
      const members = membersOfUnion.get(id) ?? 0;
      return { id, name, employees, members, rate: membershipRate(members, employees), pending: pendingOf.get(id) ?? 0 };
    };
    const baseUnions = union.kind === 'industry' ? [...bases.map((b) => line(b.id, b.name)), line(union.id, `${union.name}（直接入会）`)] : [];
    const employees = unitStats.reduce((s, u) => s + u.employees, 0);
    const members = [...membersOfUnion.values()].reduce((s, n) => s + n, 0);
    const pending = [...pendingOf.values()].reduce((s, n) => s + n, 0);
    return {
      union: { id: union.id, name: union.name, kind: union.kind },
      totals: { employees, members, rate: membershipRate(members, employees), pending },
      baseUnions,
      units: unitStats,
      otherUnitMembers,
    };
  },
});
