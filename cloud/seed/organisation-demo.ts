/**
 * Demo organisation data (委员会, 规范化建设) so that the compliance view shows a mix:
 * - bu-cy03 大众快餐: committees complete, chair approved, an activity record in each of the last
 *   four quarters, all four hand-ticked items: the best score;
 * - bu-cy01 味香园: union committee with an approved chair (the access-matrix samples need it),
 *   经审员 and 女职工委员, two items ticked, no activity record in past quarters;
 * - bu-cy02 老街美食城: a committee of 4 (even) whose term ended two months ago, election 待批准.
 * The membership rate stays below the default 80% everywhere: the seeded rosters are small.
 */
import { newActivitySecret } from '../domain/checkin-code';
import { newId } from '../domain/crypto';
import { addDays, addMonths, previousQuarters } from '../domain/organisation';
import { chinaDate } from '../domain/time';
import type { ActivitiesTable, Q } from '../storage/schema';
import { demoMemberId } from './membership-demo';

interface DemoSeat {
  role: 'chair' | 'vice_chair' | 'member';
  /** n-th seeded member of the union, or a named person. */
  member?: number;
  name?: string;
}

interface DemoCommittee {
  unionId: string;
  code: string;
  kind: 'union' | 'audit' | 'women';
  form: 'committee' | 'single';
  /** Term start, months before today, and length in years. */
  startedMonthsAgo: number;
  years: number;
  election: 'none' | 'pending' | 'approved';
  seats: DemoSeat[];
}

const COMMITTEES: DemoCommittee[] = [
  {
    unionId: 'bu-cy01', code: 'CY01', kind: 'union', form: 'committee', startedMonthsAgo: 20, years: 5, election: 'approved',
    seats: [{ role: 'chair', member: 1 }, { role: 'vice_chair', member: 2 }, { role: 'member', member: 3 }],
  },
  { unionId: 'bu-cy01', code: 'CY01', kind: 'audit', form: 'single', startedMonthsAgo: 20, years: 5, election: 'none', seats: [{ role: 'member', member: 4 }] },
  { unionId: 'bu-cy01', code: 'CY01', kind: 'women', form: 'single', startedMonthsAgo: 20, years: 5, election: 'none', seats: [{ role: 'member', member: 5 }] },
  {
    unionId: 'bu-cy02', code: 'CY02', kind: 'union', form: 'committee', startedMonthsAgo: 38, years: 3, election: 'pending',
    seats: [{ role: 'chair', member: 1 }, { role: 'vice_chair', name: '福满楼 周经理' }, { role: 'member', member: 2 }, { role: 'member', member: 3 }],
  },
  {
    unionId: 'bu-cy03', code: 'CY03', kind: 'union', form: 'committee', startedMonthsAgo: 10, years: 5, election: 'approved',
    seats: [{ role: 'chair', member: 1 }, { role: 'vice_chair', member: 2 }, { role: 'member', member: 3 }, { role: 'member', member: 4 }, { role: 'member', name: '行政部 李主管' }],
  },
  { unionId: 'bu-cy03', code: 'CY03', kind: 'audit', form: 'single', startedMonthsAgo: 10, years: 5, election: 'none', seats: [{ role: 'member', member: 5 }] },
  { unionId: 'bu-cy03', code: 'CY03', kind: 'women', form: 'single', startedMonthsAgo: 10, years: 5, election: 'none', seats: [{ role: 'member', member: 2 }] },
];

const TICKS = [
  { unionId: 'bu-cy01', items: ['sign', 'seal'] },
  { unionId: 'bu-cy03', items: ['sign', 'seal', 'office', 'rules'] },
] as const;

export async function seedOrganisationDemo(trx: Q, now: Date): Promise<{ committees: number }> {
  const at = now.toISOString();
  const today = chinaDate(now);
  const admin = (await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', 'cy-admin').executeTakeFirstOrThrow()).user_id;
  for (const c of COMMITTEES) {
    const start = addMonths(today, -c.startedMonthsAgo);
    const id = `cmt_demo_${c.unionId}_${c.kind}`;
    await trx
      .insertInto('committees')
      .values({
        id,
        union_id: c.unionId,
        kind: c.kind,
        form: c.form,
        term_start: start,
        term_end: addMonths(start, c.years * 12),
        upper_approval_note: null,
        upper_approval_file_id: null,
        election_status: c.election,
        election_approval_ref: c.election === 'approved' ? '青餐工〔2025〕8号' : null,
        election_approved_on: c.election === 'approved' ? addDays(start, 20) : null,
        updated_by: admin,
        updated_at: at,
      })
      .execute();
    for (const s of c.seats) {
      const memberId = s.member ? demoMemberId(c.code, s.member) : null;
      const name = memberId ? (await trx.selectFrom('members').select('name').where('id', '=', memberId).executeTakeFirstOrThrow()).name : s.name!;
      await trx.insertInto('committee_seats').values({ id: newId('seat'), committee_id: id, role: s.role, member_id: memberId, person_name: name, since: start, ended_on: null, created_at: at }).execute();
    }
  }
  for (const t of TICKS) {
    for (const item of t.items) {
      await trx.insertInto('compliance_ticks').values({ union_id: t.unionId, item, done: 1, note: item === 'office' ? '门店二楼职工之家' : null, updated_by: admin, updated_at: at, photo_key: null, photo_mime: null, photo_size: null, photo_sha256: null, photo_at: null }).execute();
    }
  }
  // bu-cy03: the chair reported on last year's work to the members' congress.
  const lastYear = Number(today.slice(0, 4)) - 1;
  await trx.insertInto('chair_reports').values({ id: 'chr_demo_cy03', union_id: 'bu-cy03', year: lastYear, reported_on: today >= `${lastYear + 1}-01-15` ? `${lastYear + 1}-01-15` : `${lastYear}-12-28`, note: '第二届会员代表大会第三次会议，到会 52 人', recorded_by: admin, recorded_at: at }).execute();
  // bu-cy03: one finished activity with its record in each of the last four quarters.
  const cy03Staff = (await trx.selectFrom('staff_credentials').select('user_id').where('username', '=', 'cy03-staff').executeTakeFirstOrThrow()).user_id;
  for (const [i, q] of previousQuarters(today, 4).entries()) {
    const startAt = new Date(`${addDays(q.from, 40)}T14:00:00+08:00`).toISOString();
    const endAt = new Date(`${addDays(q.from, 40)}T16:00:00+08:00`).toISOString();
    const row: ActivitiesTable = {
      id: `act-demo-cy03-q${i + 1}`,
      union_id: 'bu-cy03',
      industry_union_id: 'ind-cy',
      type: i % 2 ? 'training' : 'care',
      title: i % 2 ? '食品安全知识培训' : '季度职工生日会',
      description: '季度例行活动。',
      place: '大众快餐总店培训室',
      organizer: '大众快餐连锁有限公司工会',
      start_at: startAt,
      end_at: endAt,
      sign_up_deadline: startAt,
      quota: null,
      audience: 'union',
      check_in_from: startAt,
      check_in_until: endAt,
      allow_walk_in: 1,
      status: 'finished',
      cancel_reason: null,
      checkin_secret: newActivitySecret(),
      signed_up_count: 0,
      waitlisted_count: 0,
      next_seq: 1,
      created_by: cy03Staff,
      created_at: startAt,
      updated_at: endAt,
      published_at: startAt,
      cancelled_at: null,
      finished_at: endAt,
    };
    await trx.insertInto('activities').values(row).execute();
    await trx.insertInto('activity_records').values({ activity_id: row.id, content: `${q.label}${row.title}。`, outcome: '职工参与积极。', awards: '', updated_by: cy03Staff, updated_at: endAt }).execute();
  }
  return { committees: COMMITTEES.length };
}
