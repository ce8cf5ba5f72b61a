/**
 * Demo data (演示数据), seeded on the first start in demo mode: a county catering
 * industry union federation with three base unions (one of them a joint base union
 * of small restaurants), units with and without a base union, staff accounts for
 * every union, and a few members.
 */
import type { Keys } from '../domain/crypto';
import { newId } from '../domain/crypto';
import { demoPerson } from '../domain/demo-people';
import { hashPassword } from '../domain/password';
import { chinaDate } from '../domain/time';
import { insertMember } from '../storage/members.repository';
import { seedDemoFunds } from './demo-funds';
import type { Db, RoleGrantsTable } from '../storage/schema';

export const DEMO_INDUSTRY_ID = 'ind-cy';

interface DemoUnion {
  id: string;
  code: string;
  name: string;
  units: { id: string; name: string; employees: number }[];
  members: number;
}

const BASE_UNIONS: DemoUnion[] = [
  { id: 'bu-cy01', code: 'CY01', name: '味香园餐饮有限公司工会', units: [{ id: 'unit-wxy', name: '青山县味香园餐饮有限公司', employees: 86 }], members: 6 },
  {
    id: 'bu-cy02',
    code: 'CY02',
    name: '老街美食城联合工会',
    units: [
      { id: 'unit-ljxc', name: '老街小吃店', employees: 12 },
      { id: 'unit-zjmg', name: '张记面馆', employees: 8 },
      { id: 'unit-fml', name: '福满楼酒家', employees: 35 },
    ],
    members: 4,
  },
  { id: 'bu-cy03', code: 'CY03', name: '大众快餐连锁有限公司工会', units: [{ id: 'unit-dzkc', name: '青山县大众快餐连锁有限公司', employees: 140 }], members: 5 },
];

const DIRECT_UNITS = [
  { id: 'unit-hlj', name: '好邻居便利餐厅', employees: 15 },
  { id: 'unit-schg', name: '山城火锅店', employees: 22 },
];

/** Seeds once: does nothing when a union already exists. Returns whether it seeded. */
export async function seedDemo(db: Db, keys: Keys, staffPassword: string, now: Date): Promise<boolean> {
  const any = await db.selectFrom('unions').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const hash = await hashPassword(staffPassword);
  const at = now.toISOString();
  const today = chinaDate(now);

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('unions')
      .values({ id: DEMO_INDUSTRY_ID, name: '青山县餐饮行业工会联合会', kind: 'industry', parent_id: null, code: 'CY', upper_union_name: '青山县总工会', created_at: at })
      .execute();
    for (const b of BASE_UNIONS) {
      await trx.insertInto('unions').values({ id: b.id, name: b.name, kind: 'base', parent_id: DEMO_INDUSTRY_ID, code: b.code, upper_union_name: null, created_at: at }).execute();
      for (const u of b.units) {
        await trx.insertInto('units').values({ ...u, industry_union_id: DEMO_INDUSTRY_ID, base_union_id: b.id, created_at: at }).execute();
      }
    }
    for (const u of DIRECT_UNITS) {
      await trx.insertInto('units').values({ ...u, industry_union_id: DEMO_INDUSTRY_ID, base_union_id: null, created_at: at }).execute();
    }

    const staff: { username: string; name: string; role: RoleGrantsTable['role']; unionId: string }[] = [
      { username: 'cy-admin', name: '行业工会管理员', role: 'industryAdmin', unionId: DEMO_INDUSTRY_ID },
    ];
    for (const u of [{ id: DEMO_INDUSTRY_ID, code: 'CY' }, ...BASE_UNIONS]) {
      const prefix = u.code.toLowerCase();
      staff.push(
        { username: `${prefix}-staff`, name: `${u.code} 工会干部`, role: 'staff', unionId: u.id },
        { username: `${prefix}-chair`, name: `${u.code} 工会主席`, role: 'chair', unionId: u.id },
        { username: `${prefix}-reviewer`, name: `${u.code} 经费审查员`, role: 'reviewer', unionId: u.id },
      );
    }
    for (const s of staff) {
      const userId = newId('usr');
      await trx.insertInto('users').values({ id: userId, display_name: s.name, wechat_openid: null, wechat_unionid: null, dev_key: null, created_at: at }).execute();
      await trx.insertInto('role_grants').values({ user_id: userId, role: s.role, union_id: s.unionId, created_at: at }).execute();
      await trx.insertInto('staff_credentials').values({ user_id: userId, username: s.username, password_hash: hash, failed_attempts: 0, locked_until: null, updated_at: at }).execute();
    }

    let memberCount = 0;
    for (const b of BASE_UNIONS) {
      for (let i = 0; i < b.members; i++) {
        const unit = b.units[i % b.units.length];
        await insertMember(trx, keys, { userId: null, unionId: b.id, unitId: unit.id, unitName: null, data: demoPerson(`seed:${b.id}:${i}`), now, today });
        memberCount++;
      }
    }

    const funds = await seedDemoFunds(trx, now);

    await trx
      .insertInto('audit_events')
      .values({
        id: newId('evt'),
        at,
        actor_user_id: null,
        action: 'seed.demo',
        object_type: 'union',
        object_id: DEMO_INDUSTRY_ID,
        union_id: DEMO_INDUSTRY_ID,
        detail: JSON.stringify({ baseUnions: BASE_UNIONS.length, staffAccounts: staff.length, members: memberCount, fundEntries: funds.entries, fundNotices: funds.notices }),
      })
      .execute();
  });
  return true;
}
