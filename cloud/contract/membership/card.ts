/** The member card (电子会员卡). */
import { z } from 'zod';
import { defineContract } from '../define';

/** 电子会员卡. `token` is the member QR content: short-lived and signed, never the ID number or openid. */
export interface MemberCard {
  name: string;
  unionName: string;
  memberNo: string;
  joinedAt: string;
  token: string;
  expiresAt: string;
  /** Ask again after this many seconds (before `expiresAt`, whatever the phone's clock says). */
  refreshAfterSeconds: number;
  unitName: string | null;
  industryName: string | null;
  gender: 'male' | 'female';
}

export const card = defineContract<MemberCard>()('membership.card', z.strictObject({}), '电子会员卡（含短时效会员二维码）');
