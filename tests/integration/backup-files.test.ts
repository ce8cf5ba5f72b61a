/**
 * Backup and restore include the uploaded files (一人一档附件、佐证照片): `npm run backup` copies
 * `data/files` into `<backup>.files` while the host keeps uploading; `npm run restore` puts them back
 * with the database (keeping the replaced folder), and a host started on the restored folder
 * downloads every attachment the restored database names, byte for byte.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { demoPng } from '../../cloud/seed/files-demo';
import { DEMO_MEMBER_ID } from '../../cloud/seed/membership-demo';
import { callFn, mustCall } from '../proof/child-host';
import { backupFixture } from '../support/backup-fixture';

jest.setTimeout(120_000);

const { tmp, spawnHost, runCli } = backupFixture({ UNION_FILES_DIR: '' }); // '' as unset: the data folder's files

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

it('backs up the files folder with the database while uploads continue, and restores both', async () => {
  const dataDir = tmp('files-live');
  const host = await spawnHost({ dataDir });
  // The environment may name another files folder: this host must use its data folder's.
  const staff = (await mustCall<{ sessionToken: string }>(host.url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'backup-files' })).sessionToken;
  const uploaded: string[] = [];
  let uploading = true;
  const uploader = (async () => {
    for (let i = 0; uploading && i < 15; i++) {
      const r = await callFn<{ attachment: { id: string } }>(host.url, 'membership.attach', { memberId: DEMO_MEMBER_ID, kind: 'honour', fileName: `荣誉${i}.png`, base64: demoPng(32, 32, [i * 10, 50, 90]).toString('base64') }, staff);
      if (r.ok) uploaded.push(r.result.attachment.id);
    }
  })();
  await new Promise((r) => setTimeout(r, 200));
  const backupFile = path.join(tmp('files-backups'), 'snapshot.db');
  const backup = await runCli(['backup', '--data-dir', dataDir, '--out', backupFile]);
  uploading = false;
  await uploader;
  expect(backup.code).toBe(0);
  expect(backup.out).toMatch(/上传文件：\d+ 个/);
  const filesBackup = `${backupFile}.files`;
  expect(fs.existsSync(filesBackup)).toBe(true);

  // Every attachment row in the snapshot has its bytes in the backup folder.
  const snap = new BetterSqlite3(backupFile, { readonly: true });
  const rows = snap.prepare('SELECT id, file_key, sha256 FROM member_attachments WHERE removed_at IS NULL').all() as { id: string; file_key: string; sha256: string }[];
  const photos = snap.prepare('SELECT photo_key FROM compliance_ticks WHERE photo_key IS NOT NULL').all() as { photo_key: string }[];
  snap.close();
  expect(rows.length).toBeGreaterThanOrEqual(2);
  for (const key of [...rows.map((r) => r.file_key), ...photos.map((p) => p.photo_key)]) expect(fs.existsSync(path.join(filesBackup, ...key.split('/')))).toBe(true);

  // Restore over the stopped host: the files folder is replaced (the old one kept), the database too.
  await host.stop();
  const filesBefore = listFiles(path.join(dataDir, 'files'));
  const restored = await runCli(['restore', backupFile, '--data-dir', dataDir]);
  expect(restored.code).toBe(0);
  expect(restored.out).toMatch(/原文件夹保留为/);
  expect(listFiles(path.join(dataDir, 'files'))).toEqual(listFiles(filesBackup));
  const kept = fs.readdirSync(dataDir).find((n) => n.startsWith('files.before-restore-'))!;
  expect(listFiles(path.join(dataDir, kept))).toEqual(filesBefore);

  // A host on the restored folder serves every attachment of the restored database, byte for byte.
  const again = await spawnHost({ dataDir });
  const staff2 = (await mustCall<{ sessionToken: string }>(again.url, 'auth.devLogin', { persona: 'staff', unionId: 'bu-cy01', key: 'backup-files-2' })).sessionToken;
  const file = await mustCall<{ attachments: { id: string; sha256: string }[] }>(again.url, 'membership.memberFile', { memberId: DEMO_MEMBER_ID }, staff2);
  expect(file.attachments.map((a) => a.id).sort()).toEqual(rows.map((r) => r.id).sort());
  for (const a of file.attachments) {
    const d = await mustCall<{ sha256: string; base64: string }>(again.url, 'membership.attachment', { attachmentId: a.id }, staff2);
    expect(createHash('sha256').update(Buffer.from(d.base64, 'base64')).digest('hex')).toBe(a.sha256);
  }
  await again.stop();
  process.stdout.write(`backup with files: ${rows.length} attachments and ${photos.length} photos in the snapshot; ${uploaded.length} uploads acknowledged during the run\n`);
});

it('a backup made without a files folder restores the database and leaves the files alone', async () => {
  const dataDir = tmp('files-none');
  const host = await spawnHost({ dataDir });
  await host.stop();
  fs.renameSync(path.join(dataDir, 'files'), path.join(dataDir, 'files-aside'));
  const backupFile = path.join(tmp('files-backups2'), 'b.db');
  const backup = await runCli(['backup', '--data-dir', dataDir, '--out', backupFile]);
  expect(backup.code).toBe(0);
  expect(backup.out).toContain('只备份了数据库');
  fs.renameSync(path.join(dataDir, 'files-aside'), path.join(dataDir, 'files'));
  const restored = await runCli(['restore', backupFile, '--data-dir', dataDir]);
  expect(restored.code).toBe(0);
  expect(restored.out).toContain('上传文件保持不变');
  expect(listFiles(path.join(dataDir, 'files')).length).toBeGreaterThan(0);
});
