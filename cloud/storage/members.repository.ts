/** Members (会员) as stored: personal fields encrypted, with masks and a blind index. */
import type { Keys } from '../domain/crypto';
import { blindIndex, encryptField, newId } from '../domain/crypto';
import { maskIdNumber, parseIdNumber } from '../domain/id-number';
import { maskPhone, parsePhone } from '../domain/phone';
import type { RealNameData } from '../domain/real-name';
import type { Q } from './schema';

/**
 * Allocates the next member number of a union (会员编号): `<工会代码>-<6 位序号>`,
 * e.g. `CY01-000042`. Atomic on both backends (UPDATE … RETURNING inside the caller's transaction).
 */
export async function nextMemberNo(db: Q, unionId: string): Promise<string> {
  await db.insertInto('member_no_counters').values({ union_id: unionId, next_no: 1 }).onConflict((oc) => oc.column('union_id').doNothing()).execute();
  const row = await db
    .updateTable('member_no_counters')
    .set((eb) => ({ next_no: eb('next_no', '+', 1) }))
    .where('union_id', '=', unionId)
    .returning('next_no')
    .executeTakeFirstOrThrow();
  const union = await db.selectFrom('unions').select('code').where('id', '=', unionId).executeTakeFirstOrThrow();
  return `${union.code}-${String(row.next_no - 1).padStart(6, '0')}`;
}

export async function insertMember(
  db: Q,
  keys: Keys,
  args: {
    userId: string | null;
    unionId: string;
    unitId: string | null;
    unitName: string | null;
    data: RealNameData;
    now: Date;
    today: string;
    /** A fixed id (demo seed); otherwise a new random one. */
    id?: string;
    /** The application this membership comes from. */
    applicationId?: string | null;
    /** 入会时间 when not now (an imported roster's join date), ISO. */
    joinedAt?: string;
  },
): Promise<{ id: string; memberNo: string }> {
  const id = parseIdNumber(args.data.idNumber, args.today);
  if (!id.ok) throw new Error(`insertMember: invalid ID number (${id.problem})`);
  const phone = parsePhone(args.data.phone);
  if (!phone.ok) throw new Error('insertMember: invalid phone');
  const memberNo = await nextMemberNo(db, args.unionId);
  const memberId = args.id ?? newId('mbr');
  await db
    .insertInto('members')
    .values({
      id: memberId,
      user_id: args.userId,
      union_id: args.unionId,
      unit_id: args.unitId,
      unit_name: args.unitName,
      member_no: memberNo,
      status: 'active',
      name: args.data.name,
      gender: id.gender,
      birth_date: id.birthDate,
      id_number_enc: encryptField(keys.field, id.value),
      id_number_bidx: blindIndex(keys.blindIndex, id.value),
      id_number_masked: maskIdNumber(id.value),
      phone_enc: encryptField(keys.field, phone.value),
      phone_masked: maskPhone(phone.value),
      ethnicity: args.data.ethnicity,
      education: args.data.education,
      political_status: args.data.politicalStatus,
      job: args.data.job,
      household_type: args.data.householdType,
      joined_at: args.joinedAt ?? args.now.toISOString(),
      created_at: args.now.toISOString(),
      phone_bidx: blindIndex(keys.blindIndex, phone.value),
      application_id: args.applicationId ?? null,
    })
    .execute();
  return { id: memberId, memberNo };
}
