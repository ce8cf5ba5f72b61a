/**
 * Demo data for the member lifecycle (动态管理演示数据): one pending transfer into 味香园 (bu-cy01)
 * from 老街美食城联合工会, registered by that union's staff, and one pending correction request of a
 * bu-cy01 member, so the staff page 转会与信息请求 has something to show on `npm start`. Fixed ids,
 * so the policy matrix and the API docs can name them.
 */
import type { Transaction } from 'kysely';
import { encryptField, type Keys } from '../domain/crypto';
import type { Database } from '../storage/schema';
import { demoMemberId } from './membership-demo';

/** Pending transfer of 老街美食城 member #1 to bu-cy01 (the policy matrix confirms it). */
export const DEMO_TRANSFER_ID = 'trf_demo_cy02_1';
/** Pending transfer of bu-cy01 member #5 out to 大众快餐 (bu-cy03) (the policy matrix withdraws it). */
export const DEMO_TRANSFER_OUT_ID = 'trf_demo_cy01_5';
/** Pending correction (岗位) of bu-cy01 member #4 (the policy matrix applies it). */
export const DEMO_DATA_REQUEST_ID = 'dreq_demo_cy01_4';

export async function seedLifecycleDemo(trx: Transaction<Database>, keys: Keys, now: Date): Promise<{ transfers: number; dataRequests: number }> {
  const at = new Date(now.getTime() - 20 * 3600_000).toISOString();
  const staffOf = async (username: string) => (await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', username).executeTakeFirstOrThrow()).user_id;
  const mover = await trx.selectFrom('members').select(['id', 'member_no']).where('id', '=', demoMemberId('CY02', 1)).executeTakeFirstOrThrow();
  await trx
    .insertInto('member_transfers')
    .values({
      id: DEMO_TRANSFER_ID,
      member_id: mover.id,
      from_union_id: 'bu-cy02',
      from_member_no: mover.member_no,
      to_union_id: 'bu-cy01',
      to_unit_id: 'unit-wxy',
      to_unit_name: null,
      status: 'pending',
      reason: '到味香园餐饮有限公司工作',
      initiated_by: await staffOf('cy02-staff'),
      initiated_as: 'staff',
      created_at: at,
    })
    .execute();
  const leaver = await trx.selectFrom('members').select(['id', 'member_no']).where('id', '=', demoMemberId('CY01', 5)).executeTakeFirstOrThrow();
  await trx
    .insertInto('member_transfers')
    .values({
      id: DEMO_TRANSFER_OUT_ID,
      member_id: leaver.id,
      from_union_id: 'bu-cy01',
      from_member_no: leaver.member_no,
      to_union_id: 'bu-cy03',
      to_unit_id: 'unit-dzkc',
      to_unit_name: null,
      status: 'pending',
      reason: '调到大众快餐连锁门店工作',
      initiated_by: await staffOf('cy01-staff'),
      initiated_as: 'staff',
      created_at: at,
    })
    .execute();
  await trx
    .insertInto('member_data_requests')
    .values({
      id: DEMO_DATA_REQUEST_ID,
      member_id: demoMemberId('CY01', 4),
      union_id: 'bu-cy01',
      kind: 'correction',
      field: 'job',
      value_enc: encryptField(keys.field, '厨师长'),
      value_masked: '厨师长',
      note: '已升任厨师长（会员到工会办公室口头申请，工会干部代为登记）',
      status: 'pending',
      requested_by: await staffOf('cy01-staff'),
      created_at: at,
    })
    .execute();
  return { transfers: 2, dataRequests: 1 };
}
