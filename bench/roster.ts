/**
 * `npm run bench:roster`: the roster of one industry union at scale (issue 7, item 3).
 *
 * Starts the real host (demo mode, a temp data folder) on the embedded database, and on
 * PostgreSQL too when `DATABASE_URL` names a server (a fresh database is created there for the
 * run and dropped after). Seeds 100,000 members into 青山县餐饮行业工会联合会 (`ind-cy`) with
 * bulk inserts, their ID numbers and phones encrypted and blind-indexed by the same helpers
 * as real inserts, spread over 200 small employers. Then, over HTTP through the
 * cloud-function protocol as a staffer of that union:
 * - `membership.roster`: a mix of searches (name prefix, member number, full phone, full ID
 *   number, last 4 phone digits, unit filter, a deep page of 50) → p50/p95/max per kind and overall;
 * - `membership.exportRosterFull` of every active member (time, file size; full numbers, so every one is decrypted);
 * - `membership.importRoster` of 10,000 new rows (+ a few bad ones): preview, then confirm.
 * Targets: search p95 < 50 ms, export < 10 s, import < 10 s (each step).
 *
 *   npm run bench:roster                         # SQLite only
 *   DATABASE_URL=postgres://root@127.0.0.1:5432/postgres npm run bench:roster   # SQLite + PostgreSQL
 *   options: --members 100000 --imports 10000 (rows in the file, 5 of them bad) --searches 50 (per kind) --backend sqlite|postgres|both
 *            --only export (seed, then only the export) --pieces (with it: CPU of the export's pieces, measured one by one in-process)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { blindIndex, decryptField, deriveKeys, encryptField } from '../cloud/domain/crypto';
import { buildIdNumber, maskIdNumber } from '../cloud/contract/fields/id-number';
import { maskPhone } from '../cloud/contract/fields/phone';
import { chinaDate } from '../cloud/domain/time';
import { writeRosterXlsx, type RosterExportRow } from '../cloud/domain/roster-xlsx';
import { startHost, type RunningHost } from '../cloud/host/server';
import type { MembersTable } from '../cloud/storage/schema';
import { freshPostgres } from '../tests/support/host';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const MEMBERS = Number(arg('members', '100000'));
const IMPORTS = Number(arg('imports', '10000'));
const SEARCHES = Number(arg('searches', '50'));
const PG_BASE = process.env.DATABASE_URL;
const BACKEND = arg('backend', PG_BASE ? 'both' : 'sqlite');
/** `--only export`: seed, then only the export (for profiling it: `node --cpu-prof --import tsx bench/roster.ts --only export`). */
const ONLY = arg('only', '');
const UNION = 'ind-cy';
const UNITS = 200;
const APP_ID = 'union-demo';
const APP_KEY = 'union-demo-key';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕鹏辉建国志宏海波飞鑫宇浩然子轩梓涵一诺欣怡晨阳博文佳琪思远雨萱俊杰嘉懿晓东春梅秋菊冬雪';
const JOBS = ['厨师', '服务员', '收银员', '配送员', '面点师', '店长', '保洁员', '采购员', '帮厨', '洗碗工'];
const EDUCATION = ['初中', '高中', '中专', '大专', '本科'];
const POLITICAL = ['群众', '共青团员', '中共党员'];
const HOUSEHOLD = ['农业户口（农民工）', '非农业户口'];
const SHOP_KINDS = ['面馆', '小吃店', '快餐店', '火锅店', '烧烤店', '饺子馆', '茶餐厅', '早餐店'];

/** Deterministic generator (same seed, same roster). */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

interface Person {
  name: string;
  idNumber: string;
  phone: string;
  ethnicity: string;
  education: string;
  politicalStatus: string;
  householdType: string;
  job: string;
  gender: 'male' | 'female';
  birthDate: string;
}

/** Person number `i` of a series; distinct ID numbers (birth date walks by day, sequence by person) and phones. */
function person(i: number, series: 'roster' | 'import', r: () => number): Person {
  const pick = <T>(xs: readonly T[] | string) => xs[Math.floor(r() * xs.length)] as T;
  const birth = new Date(Date.UTC(series === 'roster' ? 1970 : 1995, 0, 1 + Math.floor(i / 1000)));
  const birthDate = birth.toISOString().slice(0, 10);
  const sequence = i % 1000;
  const idNumber = buildIdNumber({ area: series === 'roster' ? '330106' : '330102', birthDate, sequence });
  const given = r() < 0.6 ? pick<string>(GIVEN) + pick<string>(GIVEN) : pick<string>(GIVEN);
  return {
    name: pick<string>(SURNAMES) + given,
    idNumber,
    phone: `${series === 'roster' ? '139' : '137'}${String(i).padStart(8, '0')}`,
    ethnicity: r() < 0.92 ? '汉族' : '回族',
    education: pick(EDUCATION),
    politicalStatus: pick(POLITICAL),
    householdType: pick(HOUSEHOLD),
    job: pick(JOBS),
    // The 17th digit (the sequence's last digit) gives the gender: odd = male.
    gender: sequence % 2 === 1 ? 'male' : 'female',
    birthDate,
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const fmt = (ms: number) => (ms < 100 ? ms.toFixed(1) : ms.toFixed(0));

/** One function call over HTTP, as the SDK sends it (keep-alive fetch). */
async function call<T>(url: string, name: string, input: unknown, session?: string): Promise<{ ms: number; result: T; bytes: number }> {
  const ts = Date.now();
  const sign = `${createHash('md5').update(`${ts}${APP_KEY}`).digest('hex')},${ts}`;
  const body = JSON.stringify(input);
  const t0 = performance.now();
  const res = await fetch(`${url}/1.1/functions/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json;charset=UTF-8', 'X-LC-Id': APP_ID, 'X-LC-Sign': sign, ...(session ? { 'X-LC-Session': session } : {}) },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return { ms, result: (JSON.parse(text) as { result: T }).result, bytes: text.length };
}

/** Databases to drop if the run is interrupted (Ctrl-C) before its own `finally`. */
const pending = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.allSettled([...pending].map((drop) => drop())).then(() => process.exit(130));
  });
}

/** Bulk-seeds the roster straight into the database (the set-up, not what is measured). */
async function seedRoster(host: RunningHost): Promise<{ persons: Person[]; memberNos: string[]; unitIds: string[]; unitNames: string[] }> {
  const db = host.storage.db;
  const keys = deriveKeys(host.config.dataKey);
  const now = new Date();
  const at = now.toISOString();
  const unitIds: string[] = [];
  const unitNames: string[] = [];
  const r = rng(20261125);
  for (let k = 0; k < UNITS; k++) {
    unitIds.push(`unit-bench-${String(k).padStart(3, '0')}`);
    unitNames.push(`青山县${SURNAMES[k % SURNAMES.length]}记${SHOP_KINDS[k % SHOP_KINDS.length]}${k + 1}号店`);
  }
  await db
    .insertInto('units')
    .values(unitIds.map((id, k) => ({ id, name: unitNames[k], employees: 500 + (k % 300), industry_union_id: UNION, base_union_id: null, created_at: at })))
    .execute();

  const counter = await db.selectFrom('member_no_counters').select('next_no').where('union_id', '=', UNION).executeTakeFirst();
  let next = counter?.next_no ?? 1;
  const persons: Person[] = [];
  const memberNos: string[] = [];
  const rows: MembersTable[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const p = person(i, 'roster', r);
    persons.push(p);
    const memberNo = `CY-${String(next++).padStart(6, '0')}`;
    memberNos.push(memberNo);
    const unit = r() < 0.9 ? Math.floor(r() * UNITS) : -1;
    const left = r() < 0.03;
    const joined = new Date(now.getTime() - Math.floor(r() * 5 * 365) * 86400000).toISOString();
    rows.push({
      id: `mbr_bench_${i.toString(36)}`,
      user_id: null,
      union_id: UNION,
      unit_id: unit >= 0 ? unitIds[unit] : null,
      unit_name: unit >= 0 ? null : `青山县个体餐饮户${i % 997}`,
      member_no: memberNo,
      status: left ? 'left' : 'active',
      name: p.name,
      gender: p.gender,
      birth_date: p.birthDate,
      id_number_enc: encryptField(keys.field, p.idNumber),
      id_number_bidx: blindIndex(keys.blindIndex, p.idNumber),
      id_number_masked: maskIdNumber(p.idNumber),
      phone_enc: encryptField(keys.field, p.phone),
      phone_masked: maskPhone(p.phone),
      ethnicity: p.ethnicity,
      education: p.education,
      political_status: p.politicalStatus,
      job: p.job,
      household_type: p.householdType,
      joined_at: joined,
      created_at: joined,
      phone_bidx: blindIndex(keys.blindIndex, p.phone),
      phone_tail: p.phone.slice(-4),
      left_at: left ? at : null,
      left_reason: left ? '离职' : null,
      application_id: null,
      anonymised_at: null,
    });
  }
  await db.transaction().execute(async (trx) => {
    for (let k = 0; k < rows.length; k += 500) await trx.insertInto('members').values(rows.slice(k, k + 500)).execute();
    await trx
      .insertInto('member_no_counters')
      .values({ union_id: UNION, next_no: next })
      .onConflict((oc) => oc.column('union_id').doUpdateSet({ next_no: next }))
      .execute();
  });
  // Statistics and the visibility map, as autovacuum leaves them after a bulk insert (index-only counts need the map).
  if (host.storage.kind === 'postgres') await sql`VACUUM ANALYZE members`.execute(db);
  return { persons, memberNos, unitIds, unitNames };
}

/**
 * The export's pieces one after the other, with their process CPU (`process.cpuUsage`: all
 * threads, so the deflate threads count with the .xlsx): less sensitive to a busy machine than the
 * wall clock. The same query as `membership.exportRosterFull`, the decryptions on this one thread,
 * the workbook from the decrypted rows, then base64 + JSON of the reply.
 */
async function exportPieces(host: RunningHost): Promise<void> {
  const keys = deriveKeys(host.config.dataKey);
  const cpu = async <T>(f: () => T | Promise<T>): Promise<{ value: T; s: number }> => {
    const c0 = process.cpuUsage();
    const value = await f();
    const c = process.cpuUsage(c0);
    return { value, s: (c.user + c.system) / 1e6 };
  };
  const query = await cpu(() =>
    host.storage.db
      .selectFrom('members')
      .leftJoin('units', 'units.id', 'members.unit_id')
      .select(['members.name', 'members.gender', 'members.ethnicity', 'members.birth_date', 'members.id_number_enc', 'members.phone_enc', 'members.education', 'members.political_status', 'members.household_type', 'members.unit_name', 'members.job', 'members.joined_at', 'members.member_no', 'members.status', 'units.name as listed_unit_name'])
      .where('members.union_id', '=', UNION)
      .where('members.status', '=', 'active')
      .where('members.anonymised_at', 'is', null)
      .orderBy('members.member_no')
      .execute(),
  );
  const members = query.value;
  const decrypt = await cpu(() => members.map((m) => [decryptField(keys.field, m.id_number_enc), decryptField(keys.field, m.phone_enc)]));
  const rows: RosterExportRow[] = members.map((m, i) => ({
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birth_date,
    idNumber: decrypt.value[i][0],
    phone: decrypt.value[i][1],
    education: m.education,
    politicalStatus: m.political_status,
    householdType: m.household_type,
    unitName: m.listed_unit_name ?? m.unit_name ?? '',
    job: m.job,
    joinedDate: chinaDate(new Date(m.joined_at)),
    memberNo: m.member_no,
    unionName: '青山县餐饮行业工会联合会',
    status: m.status,
  }));
  const xlsx = await cpu(() => writeRosterXlsx(rows, { unionName: '青山县餐饮行业工会联合会', exportedAt: new Date() }));
  const reply = await cpu(() => JSON.stringify({ result: { base64: xlsx.value.toString('base64') } }).length);
  process.stdout.write(
    `  pieces (process CPU): query ${query.s.toFixed(2)} s, ${(2 * members.length).toLocaleString('en')} decryptions on one thread ${decrypt.s.toFixed(2)} s, .xlsx ${xlsx.s.toFixed(2)} s (${(xlsx.value.length / 1048576).toFixed(1)} MiB), base64 + JSON ${reply.s.toFixed(2)} s\n`,
  );
}

interface Figures {
  backend: string;
  seedS: number;
  search: Record<string, number[]>;
  exportMs: number;
  exportRows: number;
  exportBytes: number;
  importBytes: number;
  previewMs: number;
  confirmMs: number;
  imported: number;
  problems: number;
}

async function runOn(backend: 'sqlite' | 'postgres'): Promise<Figures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-bench-roster-'));
  const pgdb = backend === 'postgres' ? await freshPostgres(PG_BASE!, 'union_bench') : null;
  if (pgdb) pending.add(pgdb.drop);
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    PORT: '0',
    HOST: '127.0.0.1',
    UNION_MODE: 'demo',
    UNION_DATA_DIR: dataDir,
    UNION_STATIC_DIR: path.join(dataDir, 'none'),
    UNION_RATE_LIMITS: 'off',
    ...(pgdb ? { DATABASE_URL: pgdb.url } : {}),
  };
  const host = await startHost({ env, log: { error: (m, meta) => process.stderr.write(`${m} ${JSON.stringify(meta)}\n`) } });
  try {
    process.stdout.write(`\n== ${host.storage.describe}\n`);
    const t0 = performance.now();
    const seeded = await seedRoster(host);
    const seedS = (performance.now() - t0) / 1000;
    process.stdout.write(`seeded ${MEMBERS.toLocaleString('en')} members of ${UNION} over ${UNITS} units in ${seedS.toFixed(1)} s\n`);

    const url = host.url.replace('localhost', '127.0.0.1');
    const session = (await call<{ sessionToken: string }>(url, 'auth.devLogin', { persona: 'staff', unionId: UNION })).result.sessionToken;

    // ---- searches: SEARCHES of each kind, interleaved, after a short warm-up
    const r = rng(7);
    const any = () => Math.floor(r() * MEMBERS);
    const kinds: Record<string, () => Record<string, unknown>> = {
      'name prefix': () => ({ query: seeded.persons[any()].name.slice(0, 2) }),
      'member no.': () => ({ query: seeded.memberNos[any()] }),
      'member no. part': () => ({ query: seeded.memberNos[any()].slice(-5) }),
      'full phone': () => ({ query: seeded.persons[any()].phone }),
      'full ID no.': () => ({ query: seeded.persons[any()].idNumber }),
      'phone last 4': () => ({ query: seeded.persons[any()].phone.slice(-4) }),
      'unit filter': () => ({ unitId: seeded.unitIds[Math.floor(r() * UNITS)] }),
      'page 50 (of 50)': () => ({ page: 50, pageSize: 50 }),
    };
    const names = Object.keys(kinds);
    const searches = ONLY === 'export' ? 0 : SEARCHES;
    for (let w = 0; w < (searches ? 16 : 0); w++) await call(url, 'membership.roster', { unionId: UNION, ...kinds[names[w % names.length]]() }, session);
    const search: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    let hits = 0;
    for (let k = 0; k < searches; k++) {
      for (const n of names) {
        const out = await call<{ total: number; items: unknown[] }>(url, 'membership.roster', { unionId: UNION, pageSize: 20, ...kinds[n]() }, session);
        search[n].push(out.ms);
        if (out.result.items.length > 0) hits++;
      }
    }
    const all = Object.values(search).flat();
    if (searches) process.stdout.write(`membership.roster: ${all.length} searches (${hits} with results): p50 ${fmt(percentile(all, 50))} ms, p95 ${fmt(percentile(all, 95))} ms, max ${fmt(Math.max(...all))} ms\n`);
    if (searches) for (const n of names) process.stdout.write(`  ${n.padEnd(16)} p50 ${fmt(percentile(search[n], 50)).padStart(6)} ms  p95 ${fmt(percentile(search[n], 95)).padStart(6)} ms  max ${fmt(Math.max(...search[n])).padStart(6)} ms\n`);

    // ---- export of every active member
    // Process CPU (host and this client share the process: includes the client's JSON parse of the reply).
    const cpu0 = process.cpuUsage();
    // The full export (decrypts every number; the masked `membership.exportRoster` reads the stored masks): the chair, with a reason.
    const chairSession = (await call<{ sessionToken: string }>(url, 'auth.devLogin', { persona: 'chair', unionId: UNION })).result.sessionToken;
    const exp = await call<{ rows: number; base64: string }>(url, 'membership.exportRosterFull', { unionId: UNION, reason: '基准测试：报送全省实名制系统' }, chairSession);
    const cpu = process.cpuUsage(cpu0);
    const exportBytes = Buffer.byteLength(exp.result.base64, 'base64');
    process.stdout.write(
      `membership.exportRosterFull: ${exp.result.rows.toLocaleString('en')} rows in ${(exp.ms / 1000).toFixed(2)} s (process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), .xlsx ${(exportBytes / 1024 / 1024).toFixed(1)} MiB (response ${(exp.bytes / 1024 / 1024).toFixed(1)} MiB)\n`,
    );
    if (ONLY === 'export' && process.argv.includes('--pieces')) await exportPieces(host);
    if (ONLY === 'export') {
      return { backend: host.storage.kind === 'postgres' ? 'PostgreSQL' : 'SQLite', seedS, search: { none: [0] }, exportMs: exp.ms, exportRows: exp.result.rows, exportBytes, importBytes: 0, previewMs: 0, confirmMs: 0, imported: 0, problems: 0 };
    }

    // ---- import of IMPORTS new rows (and 5 bad ones: duplicates of members, a bad phone)
    const ir = rng(99);
    const importRows: RosterExportRow[] = [];
    // IMPORTS rows in all (the cap is 10,000 per file): 5 of them bad.
    for (let i = 0; i < IMPORTS - 5; i++) {
      const p = person(i, 'import', ir);
      importRows.push({ ...p, unitName: ir() < 0.8 ? seeded.unitNames[Math.floor(ir() * UNITS)] : `青山县新开餐馆${i % 50}`, joinedDate: '2026-10-01', memberNo: '', unionName: '', status: 'active' });
    }
    for (let b = 0; b < 4; b++) {
      const p = seeded.persons[b * 997];
      importRows.push({ ...p, unitName: seeded.unitNames[0], joinedDate: '2026-10-01', memberNo: '', unionName: '', status: 'active' });
    }
    importRows.push({ ...person(IMPORTS + 1, 'import', ir), phone: '12345', unitName: seeded.unitNames[1], joinedDate: '2026-10-01', memberNo: '', unionName: '', status: 'active' });
    const file = await writeRosterXlsx(importRows, { unionName: '导入', exportedAt: new Date() });
    const fileBase64 = file.toString('base64');
    const preview = await call<{ fileHash: string; totalRows: number; validRows: number; problems: unknown[] }>(url, 'membership.importRoster', { unionId: UNION, mode: 'preview', fileBase64, fileName: 'bench.xlsx' }, session);
    process.stdout.write(
      `membership.importRoster preview: ${preview.result.totalRows.toLocaleString('en')} rows (${preview.result.validRows.toLocaleString('en')} valid, ${preview.result.problems.length} problems) in ${(preview.ms / 1000).toFixed(2)} s, file ${(file.length / 1024).toFixed(0)} KiB\n`,
    );
    const confirm = await call<{ imported: number; skipped: unknown[] }>(
      url,
      'membership.importRoster',
      { unionId: UNION, mode: 'confirm', fileBase64, fileName: 'bench.xlsx', previewHash: preview.result.fileHash },
      session,
    );
    process.stdout.write(`membership.importRoster confirm: ${confirm.result.imported.toLocaleString('en')} written, ${confirm.result.skipped.length} skipped in ${(confirm.ms / 1000).toFixed(2)} s\n`);
    const count = await host.storage.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('union_id', '=', UNION).executeTakeFirstOrThrow();
    if (Number(count.n) < MEMBERS + confirm.result.imported) throw new Error(`members after import: ${count.n}`);
    return {
      backend: host.storage.kind === 'postgres' ? 'PostgreSQL' : 'SQLite',
      seedS,
      search,
      exportMs: exp.ms,
      exportRows: exp.result.rows,
      exportBytes,
      importBytes: file.length,
      previewMs: preview.ms,
      confirmMs: confirm.ms,
      imported: confirm.result.imported,
      problems: preview.result.problems.length,
    };
  } finally {
    await host.close();
    if (pgdb) {
      pending.delete(pgdb.drop);
      await pgdb.drop();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  process.stdout.write(`roster bench: ${MEMBERS.toLocaleString('en')} members, ${IMPORTS.toLocaleString('en')} imported rows, ${SEARCHES} searches per kind; ${os.cpus().length} cores, Node ${process.version}\n`);
  const backends: ('sqlite' | 'postgres')[] = BACKEND === 'both' ? ['sqlite', 'postgres'] : [BACKEND as 'sqlite' | 'postgres'];
  if (backends.includes('postgres') && !PG_BASE) throw new Error('--backend postgres needs DATABASE_URL (a server where the bench may create and drop a database)');
  const results: Figures[] = [];
  for (const b of backends) results.push(await runOn(b));
  process.stdout.write('\nsummary (targets: search p95 < 50 ms, export < 10 s, import preview and confirm < 10 s each)\n');
  for (const f of results) {
    const all = Object.values(f.search).flat();
    const p95 = percentile(all, 95);
    const ok = p95 < 50 && f.exportMs < 10_000 && f.previewMs < 10_000 && f.confirmMs < 10_000;
    process.stdout.write(
      `${f.backend.padEnd(10)} search p50 ${fmt(percentile(all, 50))} ms p95 ${fmt(p95)} ms | export ${f.exportRows.toLocaleString('en')} rows ${(f.exportMs / 1000).toFixed(2)} s ${(f.exportBytes / 1024 / 1024).toFixed(1)} MiB | import ${f.imported.toLocaleString('en')} rows: preview ${(f.previewMs / 1000).toFixed(2)} s, confirm ${(f.confirmMs / 1000).toFixed(2)} s | ${ok ? 'targets met' : 'target NOT met'}\n`,
    );
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
