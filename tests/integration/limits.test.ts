/**
 * Every "count, then act" rule (限额: a count compared against a limit before a write) under 100
 * parallel calls through the real SDK, on SQLite and (with TEST_DATABASE_URL) PostgreSQL. A rule
 * whose count is read before its transaction lets parallel calls all read the same count and all
 * pass (on main, 45 of 100 parallel reveals passed a limit of 30); each rule here counts inside
 * the transaction that writes, under a row lock on the rule's key (cloud/storage/limits.repository.ts),
 * or is a single statement, or a unique index.
 *
 * Elsewhere: the staff-login lockout (auth.test.ts, 50 parallel wrong passwords), the check-in
 * wrong-code limit (activity.test.ts, 100 parallel wrong codes), the activity quota (activity.test.ts,
 * 200 members signing up at once for 50 places).
 */
import { MEMBER_ATTACHMENTS_MAX } from '../../cloud/contract/membership/member-file.labels';
import { MAX_REQUESTS_PER_DAY } from '../../cloud/contract/request/labels';
import { demoPng } from '../../cloud/seed/files-demo';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import { REVEAL_LIMIT_PER_HOUR } from '../../cloud/domain/membership';
import { perHeadThisYear } from '../../cloud/domain/fund-ledger';
import { giftsThisYear, loadSettings } from '../../cloud/storage/fund.repository';
import { buildGift } from '../support/fund-factories';
import { buildApplicant, uniqueIdentity } from '../support/membership-factories';
import { BACKENDS, startTestHost, type TestHost } from '../support/host';

jest.setTimeout(180_000);

const N = 100;

/** How many calls answered each way: `ok` or the refusal's reason. */
function tally(settled: PromiseSettledResult<unknown>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of settled) {
    const k = s.status === 'fulfilled' ? 'ok' : String((s.reason as { reason?: string }).reason ?? (s.reason as Error).message);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

describe.each(BACKENDS)('count-then-act limits under %s', (backend) => {
  // 2026-11-25 10:00 in China.
  const start = new Date('2026-11-25T02:00:00.000Z');
  let now = start;
  let t: TestHost;
  let staff: string; // bu-cy01 staff
  let invite: string; // a bu-cy01 invitation token

  beforeAll(async () => {
    t = await startTestHost({ backend, clock: () => now });
    staff = await t.login('staff', 'bu-cy01', 'limits');
    invite = (await t.call('org.invite', { unionId: 'bu-cy01' }, staff)).token;
  });
  afterAll(() => t.close());
  beforeEach(() => {
    now = start;
  });

  const db = () => t.host.storage.db;
  const parallel = <T>(f: (i: number) => Promise<T>, n = N) => Promise.allSettled(Array.from({ length: n }, (_, i) => f(i)));
  const memberOf = async (key: string, unionId = 'bu-cy01') => {
    const r = await t.call('auth.devLogin', { persona: 'member', unionId, key });
    return { session: r.sessionToken, userId: r.user.id, memberId: r.user.memberOf!.memberId };
  };

  it(`membership.reveal: ${REVEAL_LIMIT_PER_HOUR} of 100 parallel reveals by one staffer, the rest rate_limited until an hour after the first`, async () => {
    const busy = await t.call('auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'limits-reveal' });
    const settled = await parallel(() => t.call('membership.reveal', { memberId: 'mbr_demo_cy01_1', field: 'phone', reason: '逐一核对' }, busy.sessionToken));
    expect(tally(settled)).toEqual({ ok: REVEAL_LIMIT_PER_HOUR, rate_limited: N - REVEAL_LIMIT_PER_HOUR });
    const events = await db().selectFrom('audit_events').select('id').where('action', '=', 'membership.reveal').where('actor_user_id', '=', busy.user.id).execute();
    expect(events).toHaveLength(REVEAL_LIMIT_PER_HOUR);
    // The refusal says when the next reveal is possible: an hour after the oldest of the hour.
    const refused = await t.refusal('membership.reveal', { memberId: 'mbr_demo_cy01_1', field: 'phone', reason: '逐一核对' }, busy.sessionToken);
    expect(refused.rawMessage).toContain('11:00');
    now = new Date(start.getTime() + 3600_000);
    await expect(t.call('membership.reveal', { memberId: 'mbr_demo_cy01_1', field: 'phone', reason: '逐一核对' }, busy.sessionToken)).resolves.toHaveProperty('value');
  });

  it('membership.apply: of 100 parallel applications with another login\'s ID number, 5 are stored as identity attempts (duplicate_identity), 95 rate_limited', async () => {
    const holder = await t.login('worker', undefined, 'limits-holder');
    const victim = buildApplicant(invite, { unitId: 'unit-wxy' });
    await t.call('membership.apply', victim, holder);
    const prober = await t.call('auth.devLogin', { persona: 'worker', key: 'limits-prober' });
    const settled = await parallel(() => t.call('membership.apply', victim, prober.sessionToken));
    expect(tally(settled)).toEqual({ duplicate_identity: 5, rate_limited: N - 5 });
    const attempts = await db().selectFrom('identity_attempts').select('id').where('user_id', '=', prober.user.id).execute();
    expect(attempts).toHaveLength(5);
  });

  it('membership.apply (regression: a unique index): 100 parallel applications of one login with 100 ID numbers make one pending application', async () => {
    const w = await t.call('auth.devLogin', { persona: 'worker', key: 'limits-many-ids' });
    const settled = await parallel(() => t.call('membership.apply', buildApplicant(invite, { unitId: 'unit-wxy', ...uniqueIdentity() }), w.sessionToken));
    expect(tally(settled)).toEqual({ ok: N });
    const ids = new Set(settled.map((s) => (s as PromiseFulfilledResult<{ applicationId: string }>).value.applicationId));
    expect(ids.size).toBe(1);
    expect(await db().selectFrom('applications').select('id').where('user_id', '=', w.user.id).execute()).toHaveLength(1);
  });

  it(`request.submit: ${MAX_REQUESTS_PER_DAY} of 100 parallel submissions by one member in 24 hours, 90 rate_limited`, async () => {
    const m = await memberOf('limits-requests');
    const settled = await parallel((i) => t.call('request.submit', { category: 'other', text: `并发提交的第 ${i} 条诉求` }, m.session));
    expect(tally(settled)).toEqual({ ok: MAX_REQUESTS_PER_DAY, rate_limited: N - MAX_REQUESTS_PER_DAY });
    expect(await db().selectFrom('requests').select('id').where('user_id', '=', m.userId).execute()).toHaveLength(MAX_REQUESTS_PER_DAY);
  });

  it('fund.ask: 3 of 100 parallel questions by one member on one notice stay unanswered at once, 97 rate_limited', async () => {
    const m = await memberOf('limits-ask');
    const settled = await parallel((i) => t.call('fund.ask', { noticeId: DEMO_FUND_IDS.notice, body: `并发提问 ${i}` }, m.session));
    expect(tally(settled)).toEqual({ ok: 3, rate_limited: N - 3 });
    expect(await db().selectFrom('fund_questions').select('id').where('asked_by', '=', m.userId).execute()).toHaveLength(3);
  });

  it(`membership.attach: 100 parallel uploads into one member file stop at ${MEMBER_ATTACHMENTS_MAX}, the rest too_many_attachments`, async () => {
    const m = await memberOf('limits-attach');
    const settled = await parallel((i) =>
      t.call('membership.attach', { memberId: m.memberId, kind: 'honour', fileName: `荣誉${i}.png`, base64: demoPng(16, 16, [i, 100, 50]).toString('base64') }, staff),
    );
    expect(tally(settled)).toEqual({ ok: MEMBER_ATTACHMENTS_MAX, too_many_attachments: N - MEMBER_ATTACHMENTS_MAX });
    const rows = await db().selectFrom('member_attachments').select('id').where('member_id', '=', m.memberId).where('removed_at', 'is', null).execute();
    expect(rows).toHaveLength(MEMBER_ATTACHMENTS_MAX);
  });

  it('membership.requestCorrection: 100 parallel corrections of one item (different values) make one pending request, 99 data_request_pending', async () => {
    const m = await memberOf('limits-correction');
    const settled = await parallel((i) => t.call('membership.requestCorrection', { field: 'job', value: `岗位${i}` }, m.session));
    expect(tally(settled)).toEqual({ ok: 1, data_request_pending: N - 1 });
    const rows = await db().selectFrom('member_data_requests').select('id').where('member_id', '=', m.memberId).where('status', '=', 'pending').execute();
    expect(rows).toHaveLength(1);
  });

  it('membership.requestDeletion: 100 parallel requests make one pending request, the others answer it as a duplicate', async () => {
    const m = await memberOf('limits-deletion');
    const settled = await parallel(() => t.call('membership.requestDeletion', { note: '不再需要' }, m.session));
    expect(tally(settled)).toEqual({ ok: N });
    const answers = settled.map((s) => (s as PromiseFulfilledResult<{ requestId: string; duplicate: boolean }>).value);
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(1);
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await db().selectFrom('member_data_requests').select('id').where('member_id', '=', m.memberId).execute()).toHaveLength(1);
  });

  it('membership.transfer (regression: a unique index): 100 parallel transfers of one member make one pending transfer', async () => {
    const m = await memberOf('limits-transfer', 'bu-cy02');
    const settled = await parallel((i) => t.call('membership.transfer', { toUnionId: i % 2 ? 'bu-cy01' : 'bu-cy03', reason: '更换工作单位' }, m.session));
    const counts = tally(settled);
    expect((counts.ok ?? 0) + (counts.transfer_pending ?? 0)).toBe(N);
    const answers = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await db().selectFrom('member_transfers').select('id').where('member_id', '=', m.memberId).execute()).toHaveLength(1);
  });

  it('fund.addEntry (regression: the union\'s books are row-locked): of 100 parallel holiday gifts, exactly those past the yearly cap per head are flagged', async () => {
    const recorder = await t.login('staff', 'bu-cy03', 'limits-gifts');
    const already = perHeadThisYear(await giftsThisYear(db(), 'bu-cy03', 'holiday', 2026));
    const { holidayCapFen } = await loadSettings(db(), 'bu-cy03');
    const within = Math.max(0, Math.floor((holidayCapFen - already) / 10_000));
    expect(within).toBeGreaterThan(0);
    const settled = await parallel(() => t.call('fund.addEntry', buildGift({ unionId: 'bu-cy03', date: '2026-11-20', amountFen: 10_000 }, { recipientCount: 1 }), recorder));
    expect(tally(settled)).toEqual({ ok: N });
    const flagged = settled.filter((s) => s.status === 'fulfilled' && s.value.flags.some((f) => f.code === 'gift_cap_exceeded'));
    expect(flagged).toHaveLength(N - within);
  });
});

describe('the per-minute limiter (regression: token buckets in the host process, taken synchronously)', () => {
  it('lets exactly its per-identity figure of 100 parallel logins through; those reach the lockout', async () => {
    const t = await startTestHost({ env: { UNION_RATE_LIMITS: 'on', UNION_RATE_LOGIN_IP: '1000', UNION_RATE_LOGIN_IDENTITY: '10' } });
    try {
      const settled = await Promise.allSettled(Array.from({ length: N }, (_, i) => t.call('auth.staffLogin', { username: 'cy03-reviewer', password: `wrong-password-${i}` })));
      expect(tally(settled)).toEqual({ rate_limited: 90, invalid_credentials: 4, account_locked: 6 });
    } finally {
      await t.close();
    }
  });
});
