/**
 * No plaintext personal data at rest (issue 7, item 9): a real host process serves demo
 * members (real-name data generated at seed and at login), logs to a file, is backed up and
 * then killed (leaving its WAL); the scan of its data folder — database, WAL, backup, log —
 * finds 0 ID numbers and 0 mobile numbers in plain text. The scanner itself is shown to find
 * planted ones (and to print them masked).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { demoPerson } from '../../cloud/domain/demo-people';
import { backupSqlite, defaultBackupFile } from '../../cloud/ops/backup';
import { findPii, formatPiiReport, scanForPii } from '../../cloud/ops/pii-scan';
import { callFn, mustCall, spawnHost } from '../proof/child-host';

jest.setTimeout(90_000);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'union-pii-'));
  dirs.push(d);
  return d;
};

it('finds planted numbers, in files and in SQLite values, and prints them masked', () => {
  const dir = tmp();
  const p = demoPerson('planted');
  fs.writeFileSync(path.join(dir, 'app.log'), `{"level":"info","idNumber":"${p.idNumber}"}\n电话 ${p.phone}\n`);
  const db = new BetterSqlite3(path.join(dir, 'leak.db'));
  db.exec('CREATE TABLE t (a TEXT, b TEXT)');
  // Digits right before the phone in the same row: the raw pass cannot separate them, the SQL pass can.
  db.prepare('INSERT INTO t VALUES (?, ?)').run('2026', `${p.phone}`);
  db.close();
  const r = scanForPii([dir]);
  expect(r.hits.filter((h) => h.file.endsWith('app.log')).map((h) => h.kind).sort()).toEqual(['id_number', 'phone']);
  expect(r.hits.some((h) => h.where === 't.b' && h.kind === 'phone')).toBe(true);
  const text = formatPiiReport(r);
  expect(text).not.toContain(p.idNumber);
  expect(text).not.toContain(p.phone);

  // Not counted: hex hashes and tokens that contain digit runs, masks, wrong check characters, 13-digit times.
  expect(findPii(`a1${p.phone}ff0e9d`)).toEqual([]);
  expect(findPii('138****5678 330***********123X 1764057600000')).toEqual([]);
  expect(findPii(p.idNumber.slice(0, 17) + (p.idNumber[17] === '0' ? '1' : '0'))).toEqual([]);
});

it('finds no plaintext ID or mobile number in the database, WAL, backup and log of a host that served members', async () => {
  const dataDir = tmp();
  const logFile = path.join(dataDir, 'host.log');
  const host = await spawnHost({ dataDir, logFile });
  const people: { idNumber: string; phone: string }[] = [];
  for (let i = 0; i < 15; i++) {
    const login = await mustCall<{ sessionToken: string }>(host.url, 'auth.devLogin', { persona: 'member', unionId: i % 2 ? 'bu-cy01' : 'bu-cy02', key: `pii-${i}` });
    expect((await callFn(host.url, 'auth.me', {}, login.sessionToken)).ok).toBe(true);
    people.push(demoPerson(`${i % 2 ? 'bu-cy01' : 'bu-cy02'}:pii-${i}`));
  }
  // The seeded members (cloud/seed/demo.ts) too.
  for (const [unionId, n] of [['bu-cy01', 6], ['bu-cy02', 4], ['bu-cy03', 5]] as const) {
    for (let i = 0; i < n; i++) people.push(demoPerson(`seed:${unionId}:${i}`));
  }
  // Hostile input that carries numbers must not be logged either.
  await callFn(host.url, 'auth.staffLogin', { username: people[0].idNumber, password: people[0].phone });
  await callFn(host.url, 'org.invite', { unionId: people[1].phone });
  backupSqlite(path.join(dataDir, 'union.db'), defaultBackupFile(dataDir));
  await host.crash(); // leaves the WAL as it is

  const report = scanForPii([dataDir]);
  process.stdout.write(`${formatPiiReport(report)}\n`);
  expect(report.files).toBeGreaterThanOrEqual(4); // db, wal, backup, log (+ secrets)
  expect(report.hits).toEqual([]);

  // And the exact numbers of these people appear nowhere, in any form the scanner might miss.
  const everything = fs.readdirSync(dataDir, { recursive: true }).map(String)
    .map((f) => path.join(dataDir, f)).filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f).toString('latin1')).join('\n');
  const found = people.flatMap((p) => [p.idNumber, p.phone]).filter((v) => everything.includes(v));
  expect(found).toEqual([]);
});
