/**
 * `npm run backup [-- --out <file>]` and `npm run restore -- <backup file>`, on the data
 * folder `--data-dir` (default `UNION_DATA_DIR`, else `data/`) and the files folder `--files-dir`
 * (default `UNION_FILES_DIR`, else `<data dir>/files`). See `backup.ts`.
 */
import path from 'node:path';
import { OpsError, backupSqlite, defaultBackupFile, restoreSqlite, type TableFigures } from './backup';

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function printTables(tables: Record<string, TableFigures>): void {
  for (const [name, t] of Object.entries(tables)) process.stdout.write(`  ${name.padEnd(24)} ${String(t.rows).padStart(8)} rows  ${t.sha256.slice(0, 16)}\n`);
}

function main(): void {
  const [command, ...args] = process.argv.slice(2);
  const dataDir = path.resolve(arg(args, '--data-dir') ?? process.env.UNION_DATA_DIR ?? 'data');
  // The uploaded files (一人一档附件、佐证照片), as the host finds them (cloud/host/config.ts).
  const filesDir = path.resolve(arg(args, '--files-dir') ?? (process.env.UNION_FILES_DIR || path.join(dataDir, 'files')));
  if (process.env.DATABASE_URL) {
    throw new OpsError('DATABASE_URL 已设置：PostgreSQL 请用 pg_dump / pg_restore 备份与恢复；本命令只处理内置数据库');
  }
  if (command === 'backup') {
    const out = path.resolve(arg(args, '--out') ?? defaultBackupFile(dataDir));
    const r = backupSqlite(path.join(dataDir, 'union.db'), out, { filesDir });
    process.stdout.write(`备份完成：${r.file}（${(r.bytes / 1024).toFixed(0)} KB，${r.ms} ms，integrity_check ok）\n`);
    printTables(r.tables);
    process.stdout.write(r.files ? `上传文件：${r.files.count} 个（${(r.files.bytes / 1024).toFixed(0)} KB）→ ${r.files.dir}\n` : `没有上传文件文件夹（${filesDir}），只备份了数据库\n`);
    process.stdout.write('注意：备份中的个人信息是加密的；数据密钥（UNION_DATA_KEY，演示模式为 data/secrets.json）不在备份里，请另行妥善保存。\n');
    return;
  }
  if (command === 'restore') {
    const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--data-dir' && args[i - 1] !== '--files-dir');
    if (!file) throw new OpsError('用法：npm run restore -- <备份文件> [--data-dir <数据目录>]（先停止主机，恢复后再启动）');
    const r = restoreSqlite(path.resolve(file), dataDir, new Date(), { filesDir });
    process.stdout.write(`恢复完成：${r.dbFile}${r.keptAs ? `（原数据库保留为 ${r.keptAs}）` : ''}\n`);
    printTables(r.tables);
    process.stdout.write(r.files ? `上传文件：${r.files.count} 个 → ${r.files.dir}${r.files.keptAs ? `（原文件夹保留为 ${r.files.keptAs}）` : ''}\n` : '该备份没有上传文件文件夹：上传文件保持不变\n');
    process.stdout.write('现在可以启动主机（npm start 或 npm run host）。\n');
    return;
  }
  throw new OpsError('用法：npm run backup [-- --out <文件>] | npm run restore -- <备份文件>');
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof OpsError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(err instanceof OpsError ? 2 : 1);
}
