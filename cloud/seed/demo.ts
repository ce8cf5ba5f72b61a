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
import type { ActivitiesTable, Db, Q, RoleGrantsTable } from '../storage/schema';
import { newActivitySecret } from '../domain/checkin-code';
import { demoMemberId, seedMembershipDemo } from './membership-demo';
import { seedDemoFunds } from './demo-funds';
import { seedOrganisationDemo } from './organisation-demo';
import { seedLifecycleDemo } from './lifecycle-demo';
import { putDemoRequestPhoto, seedRequestDemo } from './request-demo';
import { seedFilesDemo } from './files-demo';
import type { FileStore } from '../storage/file-store';

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

/**
 * Seeds once: does nothing when a union already exists. Returns whether it seeded. With a file
 * store, the demo attachments, evidence photos and request photo are written too (without it,
 * those answer not_found).
 */
export async function seedDemo(db: Db, keys: Keys, staffPassword: string, now: Date, files?: FileStore): Promise<boolean> {
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
        await insertMember(trx, keys, { id: demoMemberId(b.code, i + 1), userId: null, unionId: b.id, unitId: unit.id, unitName: null, data: demoPerson(`seed:${b.id}:${i}`), now, today });
        memberCount++;
      }
    }

    const membership = await seedMembershipDemo(trx, keys, now);
    await seedDemoActivities(trx, now);
    const funds = await seedDemoFunds(trx, now);
    const organisation = await seedOrganisationDemo(trx, now);
    const lifecycle = await seedLifecycleDemo(trx, keys, now);
    const requests = await seedRequestDemo(trx, now);
    const demoFiles = files ? await seedFilesDemo(trx, files, keys, now) : { attachments: 0, photos: 0 };

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
        detail: JSON.stringify({ baseUnions: BASE_UNIONS.length, staffAccounts: staff.length, members: memberCount, ...membership, fundEntries: funds.entries, fundNotices: funds.notices, ...organisation, ...requests, ...demoFiles, ...lifecycle }),
      })
      .execute();
  });
  if (files) await putDemoRequestPhoto(files);
  return true;
}

// ---------------------------------------------------------------- activities (活动)

/** Demo activities, with fixed ids (`act-demo-…`; the access-matrix samples name the first). */
async function seedDemoActivities(trx: Q, now: Date): Promise<void> {
  const at = now.toISOString();
  const hours = (h: number) => new Date(now.getTime() + h * 3600000).toISOString();
  /** A China-time clock hour `days` from now, e.g. day(5, 9) = 09:00 (UTC+8) five days on. */
  const day = (days: number, hourCst: number) => {
    const d = new Date(now.getTime() + days * 86400000);
    d.setUTCHours(hourCst - 8, 0, 0, 0);
    return d.toISOString();
  };
  const staffOf = async (username: string) =>
    (await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', username).executeTakeFirstOrThrow()).user_id;
  const membersOf = async (unionId: string) =>
    (await trx.selectFrom('members').select('id').where('union_id', '=', unionId).orderBy('member_no').execute()).map((m) => m.id);

  const base = (a: Pick<ActivitiesTable, 'id' | 'union_id' | 'type' | 'title' | 'description' | 'place' | 'organizer' | 'start_at' | 'end_at' | 'sign_up_deadline' | 'quota' | 'audience' | 'status' | 'created_by'> & Partial<ActivitiesTable>): ActivitiesTable => ({
    industry_union_id: DEMO_INDUSTRY_ID,
    check_in_from: new Date(Date.parse(a.start_at) - 30 * 60000).toISOString(),
    check_in_until: a.end_at,
    allow_walk_in: 0,
    cancel_reason: null,
    checkin_secret: newActivitySecret(),
    signed_up_count: 0,
    waitlisted_count: 0,
    next_seq: 1,
    created_at: at,
    updated_at: at,
    published_at: a.status === 'draft' ? null : at,
    cancelled_at: null,
    finished_at: a.status === 'finished' ? a.end_at : null,
    ...a,
  });

  const cy01Staff = await staffOf('cy01-staff');
  const cyStaff = await staffOf('cy-staff');
  const cy02Staff = await staffOf('cy02-staff');
  const activities: ActivitiesTable[] = [
    base({
      id: 'act-demo-cy01-sports',
      union_id: 'bu-cy01',
      type: 'sports',
      title: '春季职工趣味运动会',
      description: '拔河、跳绳、托球跑等趣味项目，以班组为单位组队参加。请穿运动鞋，自带水杯。',
      place: '青山县体育馆（东门进）',
      organizer: '味香园餐饮有限公司工会',
      start_at: day(5, 9),
      end_at: day(5, 12),
      sign_up_deadline: day(4, 18),
      quota: 30,
      audience: 'union',
      status: 'published',
      created_by: cy01Staff,
    }),
    base({
      id: 'act-demo-ind-training',
      union_id: DEMO_INDUSTRY_ID,
      type: 'training',
      title: '食品安全与消防知识培训',
      description: '县市场监管局与消防大队讲师授课，结业发放培训证明。全行业会员均可报名，未报名的会员也可现场签到。',
      place: '行业工会会议室（商会大厦 3 楼）',
      organizer: '青山县餐饮行业工会联合会',
      start_at: hours(1),
      end_at: hours(3),
      sign_up_deadline: hours(1),
      quota: 60,
      audience: 'industry',
      status: 'published',
      // Open for check-in right away, so the demo can try the station at once.
      check_in_from: hours(-0.25),
      allow_walk_in: 1,
      created_by: cyStaff,
    }),
    base({
      id: 'act-demo-cy02-care',
      union_id: 'bu-cy02',
      type: 'care',
      title: '夏季送清凉慰问',
      description: '为后厨一线职工送防暑降温用品，慰问品现场领取。',
      place: '老街美食城广场',
      organizer: '老街美食城联合工会',
      start_at: day(10, 15),
      end_at: day(10, 17),
      sign_up_deadline: day(9, 12),
      quota: null,
      audience: 'union',
      status: 'published',
      created_by: cy02Staff,
    }),
    base({
      id: 'act-demo-cy01-contest',
      union_id: 'bu-cy01',
      type: 'contest',
      title: '厨艺技能大赛（初赛）',
      description: '热菜、冷拼、面点三个项目，评委现场打分。',
      place: '味香园中央厨房',
      organizer: '味香园餐饮有限公司工会',
      start_at: day(-20, 14),
      end_at: day(-20, 17),
      sign_up_deadline: day(-22, 18),
      quota: 8,
      audience: 'union',
      status: 'finished',
      created_by: cy01Staff,
    }),
    base({
      id: 'act-demo-cy01-reading',
      union_id: 'bu-cy01',
      type: 'other',
      title: '职工读书分享会',
      description: '每人推荐一本书，分享读书心得。',
      place: '公司职工书屋',
      organizer: '味香园餐饮有限公司工会',
      start_at: day(20, 19),
      end_at: day(20, 21),
      sign_up_deadline: day(19, 18),
      quota: 15,
      audience: 'union',
      status: 'draft',
      created_by: cy01Staff,
    }),
  ];
  for (const a of activities) await trx.insertInto('activities').values(a).execute();

  // Sign-ups and check-ins by seeded members (a finished contest with its record, a half-full sports day).
  const signUp = async (activityId: string, memberIds: string[], signedAt: string) => {
    let seq = 1;
    for (const memberId of memberIds) {
      await trx.insertInto('activity_signups').values({ activity_id: activityId, member_id: memberId, status: 'signed_up', seq: seq++, signed_up_at: signedAt, updated_at: signedAt, promoted_at: null, cancelled_at: null }).execute();
    }
    await trx.updateTable('activities').set({ signed_up_count: memberIds.length, next_seq: seq }).where('id', '=', activityId).execute();
  };
  const cy01 = await membersOf('bu-cy01');
  await signUp('act-demo-cy01-sports', cy01.slice(0, 4), at);
  const contest = activities[3];
  await signUp('act-demo-cy01-contest', cy01.slice(0, 5), day(-25, 10));
  for (const [i, memberId] of cy01.slice(0, 4).entries()) {
    const attemptId = newId('cka');
    const checkedAt = new Date(Date.parse(contest.start_at) - (20 - i * 3) * 60000).toISOString();
    await trx.insertInto('activity_checkins').values({ activity_id: contest.id, member_id: memberId, checked_in_at: checkedAt, method: 'scan', walk_in: 0, attempt_id: attemptId, device_id: 'seed' }).execute();
    await trx
      .insertInto('activity_checkin_attempts')
      .values({ id: attemptId, actor_user_id: cy01Staff, nonce: `seed-${attemptId}`, activity_id: contest.id, member_id: memberId, method: 'scan', outcome: 'checked_in', reason: null, flagged: 0, checked_in_at: checkedAt, device_id: 'seed', scanned_at: checkedAt, at: checkedAt })
      .execute();
  }
  await trx
    .insertInto('activity_records')
    .values({
      activity_id: contest.id,
      content: '热菜、冷拼、面点三个项目初赛，共 4 名选手参赛，3 名评委现场打分。',
      outcome: '选拔 2 名选手参加全县餐饮行业技能大赛复赛。',
      awards: '热菜一等奖 1 名，面点二等奖 1 名，颁发证书和奖品。',
      updated_by: cy01Staff,
      updated_at: contest.end_at,
    })
    .execute();
}
