/** 电子会员卡 (`membership.card`): the member's own card, with a short-lived signed QR token. */
import * as c from '../../contract/membership/card';
import { AppError } from '../../contract/errors';
import { issueMemberToken, MEMBER_TOKEN_TTL_SECONDS } from '../../domain/member-token';
import { activeMemberOfUser } from '../../storage/membership.repository';
import { findUnion } from '../../storage/unions.repository';
import { defineFunction } from '../registry';

/** How long before the card QR expires the page asks for a new one. */
const CARD_REFRESH_MARGIN_SECONDS = 20;

/**
 * 电子会员卡: name, union, member number, join date and the member QR token (signed, valid
 * 120 s, naming the member by internal id only). The card page asks again after
 * `refreshAfterSeconds`. Not a member: `not_found`.
 */
export const card = defineFunction({
  contract: c.card,
  policy: { kind: 'signedIn' },
  kind: 'query',
  async handler(_input, ctx) {
    const p = ctx.requirePrincipal();
    const m = await activeMemberOfUser(ctx.db, p.userId);
    if (!m) throw new AppError('not_found', '你还不是会员，入会申请通过后才有电子会员卡');
    const industry = m.union_parent_id ? await findUnion(ctx.db, m.union_parent_id) : undefined;
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
