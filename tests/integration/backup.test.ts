/**
 * Backup and restore (issue 7, item 6): `npm run backup` of a host's database while
 * writers keep writing, then `npm run restore` into a fresh data folder. The backup is a
 * consistent snapshot (every write acknowledged before it started is in it), passes
 * integrity_check, and the restored database has the same rows and content hashes per
 * table (generic over tables, so published notices are covered when they land); a host
 * starts on it and the old sessions work. Restore refuses a folder in use by a host.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { checkIntegrity, restoreSqlite, runningHostPids, tableFigures } from '../../cloud/ops/backup';
import { callFn } from '../proof/child-host';
import { inviteWrite } from '../proof/crash';
import { backupFixture } from '../support/backup-fixture';

jest.setTimeout(120_000);

const { tmp, spawnHost, runCli } = backupFixture();

it('backs up online while writes continue, and restores into a fresh folder with identical tables', async () => {
  const dataDir = tmp('live');
  const host = await spawnHost({ dataDir });
  const state = await inviteWrite.prepare(host.url, path.join(dataDir, 'union.db'));
  await callFn(host.url, 'auth.devLogin', { persona: 'member', unionId: 'bu-cy01', key: 'backup' });

  // Writers keep writing for the whole test.
  const acked: string[] = [];
  let writing = true;
  const abort = new AbortController();
  const writer = async () => {
    for (let i = 0; writing; i++) {
      try {
        acked.push(await inviteWrite.write(host.url, state, i, abort.signal));
      } catch {
        if (!writing) return;
      }
    }
  };
  const writers = [writer(), writer(), writer()];
  await new Promise((r) => setTimeout(r, 500));

  const backupFile = path.join(tmp('backups'), 'snapshot.db');
  const ackedBefore = [...acked];
  const t0 = Date.now();
  const backup = await runCli(['backup', '--data-dir', dataDir, '--out', backupFile]);
  const backupMs = Date.now() - t0;
  const ackedAfter = acked.length;
  expect(backup.code).toBe(0);
  expect(backup.out).toContain('备份完成');
  // Writes went on during the backup.
  await new Promise((r) => setTimeout(r, 300));
  expect(acked.length).toBeGreaterThan(ackedBefore.length);

  // A consistent snapshot: everything acknowledged before the backup started is in it, nothing from the future.
  expect(checkIntegrity(backupFile)).toBe('ok');
  const snap = new BetterSqlite3(backupFile, { readonly: true });
  const presentBefore = inviteWrite.countPresent(snap, ackedBefore);
  const inBackup = (snap.prepare('SELECT count(*) AS n FROM invitations').get() as { n: number }).n;
  snap.close();
  expect(presentBefore).toBe(ackedBefore.length);
  expect(inBackup).toBeGreaterThanOrEqual(ackedBefore.length);

  // Restore refuses the folder of the running host.
  expect(runningHostPids(dataDir)).toContain(host.pid);
  const refused = await runCli(['restore', backupFile, '--data-dir', dataDir]);
  expect(refused.code).toBe(2);
  expect(refused.out).toContain('请先停止主机');

  writing = false;
  abort.abort();
  await Promise.all(writers);

  // Restore into a fresh folder (with the data key: personal fields are encrypted with it).
  const restoredDir = tmp('restored');
  fs.copyFileSync(path.join(dataDir, 'secrets.json'), path.join(restoredDir, 'secrets.json'));
  const restored = await runCli(['restore', backupFile, '--data-dir', restoredDir]);
  expect(restored.code).toBe(0);
  const restoredDb = path.join(restoredDir, 'union.db');
  expect(checkIntegrity(restoredDb)).toBe('ok');
  const a = tableFigures(backupFile);
  const b = tableFigures(restoredDb);
  expect(b).toEqual(a);
  expect(Object.keys(a).length).toBeGreaterThanOrEqual(10);

  // A host starts on the restored folder; a session from before the backup still works.
  const again = await spawnHost({ dataDir: restoredDir });
  const me = await callFn<{ user: { roles: { unionId: string }[] } }>(again.url, 'auth.me', {}, state.session);
  expect(me.ok).toBe(true);
  expect((await callFn(again.url, 'org.tree', {})).ok).toBe(true);
  await again.stop();

  const rows = Object.entries(a).map(([n, t]) => `${n} ${t.rows}`).join(', ');
  process.stdout.write(
    `backup: ${(fs.statSync(backupFile).size / 1024).toFixed(0)} KB in ${backupMs} ms (CLI incl. start-up) while 3 writers ran; ` +
      `${ackedBefore.length} writes acknowledged before, ${ackedAfter - ackedBefore.length} during; all ${presentBefore} earlier ones in the backup; ` +
      `restored tables equal (rows + SHA-256 of ${Object.keys(a).length} tables): ${rows}\n`,
  );
});

it('restores over a stopped host, keeping the replaced database and its WAL beside it', async () => {
  const dataDir = tmp('swap');
  const host = await spawnHost({ dataDir });
  const state = await inviteWrite.prepare(host.url, path.join(dataDir, 'union.db'));
  const before = await inviteWrite.write(host.url, state, 0, new AbortController().signal);
  const backupFile = path.join(tmp('backups2'), 'b.db');
  expect((await runCli(['backup', '--data-dir', dataDir, '--out', backupFile])).code).toBe(0);
  const after = await inviteWrite.write(host.url, state, 1, new AbortController().signal);
  // A crash leaves the WAL behind: the restore must not let it be applied to the restored file.
  await host.crash();
  expect(runningHostPids(dataDir)).toEqual([]);

  const r = restoreSqlite(backupFile, dataDir);
  expect(r.keptAs).not.toBeNull();
  expect(fs.existsSync(path.join(dataDir, 'union.db-wal'))).toBe(false);
  const db = new BetterSqlite3(r.dbFile, { readonly: true });
  expect(inviteWrite.countPresent(db, [before])).toBe(1);
  expect(inviteWrite.countPresent(db, [after])).toBe(0);
  db.close();
  // The replaced database is still whole (with its WAL) and holds the later write.
  const old = new BetterSqlite3(r.keptAs!, { readonly: true });
  expect(inviteWrite.countPresent(old, [after])).toBe(1);
  old.close();

  const restarted = await spawnHost({ dataDir });
  expect((await callFn(restarted.url, 'auth.me', {}, state.session)).ok).toBe(true);
  await restarted.stop();
  expect(fs.existsSync(path.join(dataDir, 'host.pid'))).toBe(false);
});
