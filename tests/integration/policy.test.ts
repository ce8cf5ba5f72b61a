/**
 * The access matrix: every registered function × every persona, deny by default.
 * Each function must have a row in EXPECTED (a new function fails this test until
 * someone decides who may call it). A refused call answers `unauthenticated`,
 * `forbidden` or `not_found`, never a 500; an allowed call is never refused for access.
 */
import { buildRegistry } from '../../cloud/functions';
import { DEMO_FUND_IDS } from '../../cloud/seed/demo-fund-ids';
import type { SampleFixture } from '../../cloud/functions/registry';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { signHeaders, startTestHost, type TestHost } from '../support/host';
import { sampleOf } from '../support/samples';

// Every function × every persona through the real host: a few hundred calls, each with a fresh
// login, take longer than jest's default 5 s on a busy two-core machine.
jest.setTimeout(120_000);

type PersonaKey = 'anonymous' | 'worker' | 'member' | 'staff' | 'chair' | 'reviewer' | 'otherStaff' | 'industryStaff' | 'industryAdmin';

const PERSONAS: PersonaKey[] = ['anonymous', 'worker', 'member', 'staff', 'chair', 'reviewer', 'otherStaff', 'industryStaff', 'industryAdmin'];

const FIXTURE: SampleFixture = { industryUnionId: 'ind-cy', baseUnionId: 'bu-cy01', unitId: 'unit-wxy' };

const ALL: PersonaKey[] = PERSONAS;
const SIGNED_IN: PersonaKey[] = PERSONAS.filter((p) => p !== 'anonymous');
/** Who runs bu-cy01's activities: its staff and chair, and the industry admin. */
const ACTIVITY_STAFF: PersonaKey[] = ['staff', 'chair', 'industryAdmin'];

/** Who may call each function with its sample input (which names base union bu-cy01). */
const EXPECTED: Record<string, PersonaKey[]> = {
  'auth.devLogin': ALL,
  'auth.wechatLogin': ALL,
  'auth.staffLogin': ALL,
  'auth.me': SIGNED_IN,
  'auth.logout': SIGNED_IN,
  'org.tree': ALL,
  'org.invite': ['staff', 'chair', 'industryAdmin'],
  // Activities: the sample names the seeded bu-cy01 activity `act-demo-cy01-sports` (union audience).
  // Staff functions answer not_found to anyone who may not manage it; member functions are
  // open to every session and refuse non-members with `not_member` (not an access denial).
  'activity.create': ACTIVITY_STAFF,
  'activity.update': ACTIVITY_STAFF,
  'activity.publish': ACTIVITY_STAFF,
  'activity.cancel': ACTIVITY_STAFF,
  'activity.finish': ACTIVITY_STAFF,
  'activity.list': SIGNED_IN,
  'activity.listByUnion': ACTIVITY_STAFF,
  'activity.get': ['member', ...ACTIVITY_STAFF],
  'activity.signUp': SIGNED_IN,
  'activity.cancelSignUp': SIGNED_IN,
  'activity.mine': SIGNED_IN,
  'activity.checkInCode': ACTIVITY_STAFF,
  'activity.checkIn': SIGNED_IN,
  'activity.scanMember': ACTIVITY_STAFF,
  'activity.attendance': ACTIVITY_STAFF,
  'activity.participants': ACTIVITY_STAFF,
  'activity.record': ACTIVITY_STAFF,
  'activity.saveRecord': ACTIVITY_STAFF,
  'activity.exportRecord': ACTIVITY_STAFF,
  'activity.history': ACTIVITY_STAFF,
  'org.listInvites': ['staff', 'chair', 'industryAdmin'],
  // Object-id functions (the seeded invitation, application and members of bu-cy01): others get not_found.
  'org.revokeInvite': ['staff', 'chair', 'industryAdmin'],
  'org.invitePoster': ['staff', 'chair', 'industryAdmin'],
  'membership.resolveInvite': ALL,
  'membership.joinUrlLink': ALL,
  'membership.apply': SIGNED_IN,
  'membership.myStatus': SIGNED_IN,
  // Only a member has a card: everyone else gets not_found.
  'membership.card': ['member'],
  'membership.listApplications': ['staff', 'chair', 'industryAdmin'],
  'membership.review': ['staff', 'chair', 'industryAdmin'],
  'membership.approveMany': ['staff', 'chair', 'industryAdmin'],
  'membership.roster': ['staff', 'chair', 'industryAdmin'],
  // Full numbers: staff and chairs of that union only, not the industry admin.
  'membership.reveal': ['staff', 'chair'],
  'membership.leave': ['staff', 'chair', 'industryAdmin'],
  'membership.exportRoster': ['staff', 'chair'],
  // Full numbers for 报送: the union's chair only (with a reason, 3 a day).
  'membership.exportRosterFull': ['chair'],
  'membership.importRoster': ['staff', 'chair'],
  'membership.stats': ['staff', 'chair', 'industryAdmin'],
  // Member lifecycle: the member's own functions are open to every session (non-members get
  // `not_member`, not an access denial); deciding a transfer into bu-cy01 (the seeded one) and
  // withdrawing one out of it: its staff, chair and the industry admin; data requests hold
  // personal numbers: staff and chair of the member's union only.
  'membership.transfer': SIGNED_IN,
  'membership.confirmTransfer': ['staff', 'chair', 'industryAdmin'],
  'membership.cancelTransfer': ['staff', 'chair', 'industryAdmin'],
  'membership.listTransfers': ['staff', 'chair', 'industryAdmin'],
  'membership.requestCorrection': SIGNED_IN,
  'membership.requestDeletion': SIGNED_IN,
  'membership.myData': SIGNED_IN,
  'membership.myRequests': SIGNED_IN,
  'membership.listDataRequests': ['staff', 'chair'],
  'membership.handleDataRequest': ['staff', 'chair'],
  'membership.purgeExpired': ['staff', 'chair', 'industryAdmin'],
  // Funds: staff record and publish, the chair approves, the reviewer reads, comments and signs off
  // (and writes nothing else); members read their own union's notices and ask; the industry union
  // sees the overview. Object samples name seeded objects of bu-cy01 (cloud/seed/demo-fund-ids.ts):
  // another union's staff, and the industry admin for ledger objects, get not_found.
  'fund.addEntry': ['staff', 'chair'],
  'fund.approve': ['chair'],
  'fund.reverse': ['staff', 'chair'],
  'fund.ledger': ['staff', 'chair', 'reviewer'],
  'fund.comment': ['staff', 'chair', 'reviewer'],
  'fund.attach': ['staff', 'chair'],
  'fund.attachment': ['staff', 'chair', 'reviewer'],
  'fund.closeQuarter': ['staff', 'chair'],
  'fund.signOff': ['reviewer'],
  'fund.previewNotice': ['staff', 'chair', 'reviewer'],
  'fund.publishNotice': ['staff', 'chair'],
  'fund.listNotices': ['member', 'staff', 'chair', 'reviewer', 'industryAdmin'],
  'fund.getNotice': ['member', 'staff', 'chair', 'reviewer', 'industryAdmin'],
  'fund.verifyNotice': ['member', 'staff', 'chair', 'reviewer', 'industryAdmin'],
  'fund.ask': ['member'],
  'fund.answer': ['staff', 'chair'],
  'fund.settings': ['staff', 'chair', 'reviewer', 'industryAdmin'],
  'fund.updateSettings': ['staff', 'chair'],
  'fund.overview': ['industryStaff', 'industryAdmin'],
  // Organisation (委员会, 规范化建设): the union's staff and chair, and the industry admin; others not_found.
  'org.committees': ['staff', 'chair', 'industryAdmin'],
  'org.setTerm': ['staff', 'chair', 'industryAdmin'],
  'org.approvalFile': ['staff', 'chair', 'industryAdmin'],
  'org.setSeat': ['staff', 'chair', 'industryAdmin'],
  'org.recordElection': ['staff', 'chair', 'industryAdmin'],
  'org.compliance': ['staff', 'chair', 'industryAdmin'],
  'org.tickItem': ['staff', 'chair', 'industryAdmin'],
  // The samples name the industry union: its own staff and its admin see the overview; only the admin sets the target.
  'org.complianceOverview': ['industryStaff', 'industryAdmin'],
  'org.setComplianceTarget': ['industryAdmin'],
  // Requests (职工诉求): any session may submit and list its own (non-members get `not_member`,
  // not an access denial); the union's staff, chair and the industry admin handle them. The
  // samples name seeded requests of bu-cy01, submitted by seeded members no persona logs in as,
  // so rating (the submitter only) is refused to everyone here; tests/integration/request.test.ts
  // covers the submitter's side.
  'request.submit': SIGNED_IN,
  'request.mine': SIGNED_IN,
  'request.list': ['staff', 'chair', 'industryAdmin'],
  'request.get': ['staff', 'chair', 'industryAdmin'],
  'request.reply': ['staff', 'chair', 'industryAdmin'],
  'request.close': ['staff', 'chair', 'industryAdmin'],
  'request.rate': [],
  'request.photo': ['staff', 'chair', 'industryAdmin'],
  // 转交行业工会: the base union's own staff and chair only (the industry admin, and the industry
  // staff once it is escalated, see it but get `forbidden`). The sample escalates the seeded
  // named request: staff succeed, the chair after them gets `already_escalated` (not an access
  // refusal). request.escalate is registered last, so no request sample runs after it.
  'request.escalate': ['staff', 'chair'],
  // The sample names the industry union: its staff and admin.
  'request.stats': ['industryStaff', 'industryAdmin'],
  'org.tickPhoto': ['staff', 'chair', 'industryAdmin'],
  'org.recordChairReport': ['staff', 'chair', 'industryAdmin'],
  'org.exportComplianceOverview': ['industryStaff', 'industryAdmin'],
  // 一人一档: the industry admin may add to a base union member's file but only the union's own staff and chair see it.
  'membership.attach': ['staff', 'chair', 'industryAdmin'],
  'membership.memberFile': ['staff', 'chair'],
  'membership.attachment': ['staff', 'chair'],
  'membership.removeAttachment': ['staff', 'chair'],
  // The member's own file: non-members get `not_member` (not an access denial). The id samples name
  // seeded attachments of a member no persona is, so everyone gets not_found; the member's side is in
  // tests/integration/member-file.test.ts.
  'membership.myFile': SIGNED_IN,
  'membership.attachOwn': SIGNED_IN,
  'membership.myAttachment': [],
  'membership.removeOwnAttachment': [],
  // 消息中心: everyone reads, marks and sets only their own messages (the handlers query by the
  // caller's user id); who was told about an activity: its union's staff, chair and the industry admin.
  'notify.list': SIGNED_IN,
  'notify.markRead': SIGNED_IN,
  'notify.settings': SIGNED_IN,
  'notify.subscribe': SIGNED_IN,
  'notify.counts': ACTIVITY_STAFF,
};

const ACCESS_REASONS = ['unauthenticated', 'forbidden', 'not_found'];

/** Whether an input names an object or a union by id (`id`, `…Id`, `…Ids`), at any depth. */
function namesObject(input: unknown): boolean {
  if (Array.isArray(input)) return input.some(namesObject);
  if (input === null || typeof input !== 'object') return false;
  return Object.entries(input).some(([k, v]) => ((k === 'id' || /Ids?$/.test(k)) && v !== undefined && v !== null && v !== '') || namesObject(v));
}

let t: TestHost;
let wx: FakeWechat;
beforeAll(async () => {
  wx = await startFakeWechat();
  t = await startTestHost({ env: { WECHAT_APP_ID: wx.appId, WECHAT_APP_SECRET: wx.appSecret, WECHAT_API_BASE: wx.url } });
});
afterAll(async () => {
  await t.close();
  await wx.close();
});

async function sessionFor(p: PersonaKey): Promise<string | undefined> {
  switch (p) {
    case 'anonymous':
      return undefined;
    case 'worker':
      return t.login('worker', undefined, 'matrix');
    case 'member':
      return t.login('member', FIXTURE.baseUnionId, 'matrix');
    case 'staff':
    case 'chair':
    case 'reviewer':
      return t.login(p, FIXTURE.baseUnionId, 'matrix');
    case 'otherStaff':
      return t.login('staff', 'bu-cy02', 'matrix');
    case 'industryStaff':
      // Staff of the industry union, not its admin: no rights over base unions' own business.
      return t.login('staff', FIXTURE.industryUnionId, 'matrix');
    case 'industryAdmin':
      return t.login('industryAdmin', undefined, 'matrix');
  }
}

it('has a decision for every registered function, and none for a function that does not exist', () => {
  const names = buildRegistry('demo').list().map((f) => f.contract.name).sort();
  expect(names).toEqual(Object.keys(EXPECTED).sort());
});

/**
 * Functions narrower than "every session" in the matrix only because the other personas have no
 * such data of their own (a card exists only for a member): their policy is `signedIn` and the
 * handler reads the caller's own rows. Every other narrower row must be the declared policy.
 */
const OWN_DATA_ONLY: string[] = [
  'membership.card',
  // The detail is for its union's staff and the members in its audience (an industry-wide one:
  // every base union under it), and for a member whose earlier record (before a transfer) took
  // part: a rule over the caller's member records that no policy kind states; the handler applies
  // it (functions/activity/access.ts) and answers not_found like a policy.
  'activity.get',
];

it('declares the real access rule in the policy of every function the matrix narrows', () => {
  const same = (a: PersonaKey[], b: PersonaKey[]) => a.length === b.length && a.every((p) => b.includes(p));
  const undeclared = buildRegistry('demo')
    .list()
    .filter((fn) => {
      const who = EXPECTED[fn.contract.name];
      const narrowed = !same(who, ALL) && !same(who, SIGNED_IN);
      return narrowed && (fn.policy.kind === 'public' || fn.policy.kind === 'signedIn');
    })
    .map((fn) => fn.contract.name)
    .filter((n) => !OWN_DATA_ONLY.includes(n));
  expect(undeclared).toEqual([]);
});

it('refuses every call outside the matrix, allows every call inside it, and never answers 500', async () => {
  const registry = buildRegistry('demo');
  let cells = 0;
  const unexpectedAllows: string[] = [];
  const unexpectedDenials: string[] = [];
  // Identifier swap: the samples name objects of bu-cy01 (its activities, members, ledger
  // entries, requests…); asked for by staff of bu-cy02, none may succeed.
  const swaps: string[] = [];
  const swapSuccesses: string[] = [];
  for (const fn of registry.list()) {
    for (const persona of PERSONAS) {
      cells++;
      // A fresh session per cell: `auth.logout` must not end the next cell's session.
      const token = await sessionFor(persona);
      const res = await fetch(`${t.url}/1.1/functions/${fn.contract.name}`, {
        method: 'POST',
        headers: { ...signHeaders(), ...(token ? { 'X-LC-Session': token } : {}) },
        body: JSON.stringify(sampleOf(fn, FIXTURE)),
      });
      const body = (await res.json()) as { reason?: string };
      expect(res.status).toBeLessThan(500);
      // Public functions (demo login, the organisation tree, an invitation link) take ids by design.
      if (persona === 'otherStaff' && fn.policy.kind !== 'public' && namesObject(sampleOf(fn, FIXTURE))) {
        swaps.push(fn.contract.name);
        if (res.status < 300) swapSuccesses.push(fn.contract.name);
      }
      const denied = res.status >= 400 && ACCESS_REASONS.includes(body.reason ?? '');
      const allowed = EXPECTED[fn.contract.name].includes(persona);
      if (allowed && denied) unexpectedDenials.push(`${fn.contract.name} × ${persona}: ${body.reason}`);
      if (!allowed && !denied) unexpectedAllows.push(`${fn.contract.name} × ${persona}: ${res.status} ${body.reason ?? 'ok'}`);
      // A sample input is valid: an allowed call is never a validation error.
      if (allowed) expect([fn.contract.name, body.reason]).not.toEqual([fn.contract.name, 'validation_error']);
    }
  }
  process.stdout.write(`access matrix: ${registry.list().length} functions × ${PERSONAS.length} personas = ${cells} cells; unexpected allows ${unexpectedAllows.length}, unexpected denials ${unexpectedDenials.length}\n`);
  process.stdout.write(`identifier swap: ${swaps.length} non-public functions take an id of bu-cy01's objects or of bu-cy01; asked for by staff of bu-cy02: ${swapSuccesses.length} successes\n`);
  expect(unexpectedAllows).toEqual([]);
  expect(unexpectedDenials).toEqual([]);
  expect(swapSuccesses).toEqual([]);
  expect(swaps.length).toBeGreaterThan(50);
  // One fresh login per cell: the matrix grows with every function.
}, 120_000);

it('a union-scoped function on a union that does not exist answers not_found', async () => {
  const token = await sessionFor('industryAdmin');
  const r = await t.refusal('org.invite', { unionId: 'no-such-union' }, token);
  expect(r.reason).toBe('not_found');
});

it('another union\'s staff get not_found for this union\'s fund objects, and its members see only their own notices', async () => {
  const other = await sessionFor('otherStaff');
  const objects: [string, unknown][] = [
    ['fund.approve', { id: DEMO_FUND_IDS.pendingEntry }],
    ['fund.reverse', { id: DEMO_FUND_IDS.postedEntry, reason: '换号' }],
    ['fund.comment', { entryId: DEMO_FUND_IDS.postedEntry, body: '换号' }],
    ['fund.attachment', { id: DEMO_FUND_IDS.attachment }],
    ['fund.getNotice', { noticeId: DEMO_FUND_IDS.notice }],
    ['fund.answer', { questionId: DEMO_FUND_IDS.question, body: '换号' }],
    ['fund.listNotices', { unionId: FIXTURE.baseUnionId }],
  ];
  for (const [name, input] of objects) expect([name, (await t.refusal(name, input, other)).reason]).toEqual([name, 'not_found']);
  const otherMember = await t.login('member', 'bu-cy02', 'matrix-other');
  expect((await t.refusal('fund.getNotice', { noticeId: DEMO_FUND_IDS.notice }, otherMember)).reason).toBe('not_found');
  expect((await t.refusal('fund.ask', { noticeId: DEMO_FUND_IDS.notice, body: '换号' }, otherMember)).reason).toBe('not_found');
  // The reviewer cannot add, approve or reverse.
  const reviewer = await sessionFor('reviewer');
  expect((await t.refusal('fund.approve', { id: DEMO_FUND_IDS.pendingEntry }, reviewer)).reason).toBe('forbidden');
  expect((await t.refusal('fund.reverse', { id: DEMO_FUND_IDS.postedEntry, reason: 'x' }, reviewer)).reason).toBe('forbidden');
});

it('a staff of one base union cannot act on another (identifier swap)', async () => {
  const token = await sessionFor('otherStaff');
  expect((await t.refusal('org.invite', { unionId: 'bu-cy01' }, token)).reason).toBe('forbidden');
  const own = await t.call('org.invite', { unionId: 'bu-cy02', unitId: 'unit-zjmg' }, token!);
  expect(own.url).toContain('/#/pages/join/index?t=');
  // A unit of another union cannot be pre-filled on one's own code.
  const swapped = await t.refusal('org.invite', { unionId: 'bu-cy02', unitId: 'unit-wxy' }, token);
  expect(swapped.reason).toBe('validation_error');
  expect(swapped.fields?.[0]?.path).toBe('unitId');
});

it('a staff of one base union can neither see nor review another\'s applications: not_found', async () => {
  const token = await sessionFor('otherStaff');
  expect((await t.refusal('membership.listApplications', { unionId: 'bu-cy01' }, token)).reason).toBe('not_found');
  expect((await t.refusal('membership.review', { applicationId: 'app_demo_cy01_3', decision: 'approve' }, token)).reason).toBe('not_found');
  expect((await t.refusal('membership.roster', { unionId: 'bu-cy01' }, token)).reason).toBe('not_found');
  expect((await t.refusal('membership.reveal', { memberId: 'mbr_demo_cy01_3', field: 'idNumber', reason: '核对身份' }, token)).reason).toBe('not_found');
  // The same ids answer the union's own staff.
  const own = await sessionFor('staff');
  expect((await t.call('membership.listApplications', { unionId: 'bu-cy01' }, own!)).items.some((i) => i.id === 'app_demo_cy01_3')).toBe(true);
});
