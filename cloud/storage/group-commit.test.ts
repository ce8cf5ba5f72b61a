/**
 * Group commit on a full disk (issue 14, item 8): the real SQLite storage on a small tmpfs. One body
 * of a batch is too large for the space left: only its caller fails (SQLITE_FULL, its own error, not
 * "cannot rollback"), the other bodies of the batch are stored.
 */
import { sql } from 'kysely';
import { mountTmpfs, type Tmpfs } from '../../tests/support/tmpfs';
import { openStorage, type Storage } from './db';
import { groupCommitOf } from './group-commit';

const tmpfs = mountTmpfs(8 * 1024 * 1024, 'union-gc-full-');
const skip = 'skip' in tmpfs ? tmpfs.skip : null;
if (skip) process.stdout.write(`group-commit.test.ts: disk-full tests skipped: ${skip}\n`);
const maybe = skip ? it.skip : it;

let storage: Storage;
const fs = tmpfs as Tmpfs;

beforeAll(async () => {
  if (skip) return;
  storage = await openStorage({ kind: 'sqlite', file: `${fs.dir}/union.db` });
  await sql`create table fill_probe (id integer primary key, tag text not null, body blob not null)`.execute(storage.db);
});

afterAll(async () => {
  if (skip) return;
  await storage.close();
  fs.unmount();
});

afterEach(() => {
  if (!skip) fs.unfill();
});

const insert = (tag: string, bytes: number) => (trx: Parameters<Parameters<NonNullable<ReturnType<typeof groupCommitOf>>['run']>[0]>[0]) =>
  sql`insert into fill_probe (tag, body) values (${tag}, ${Buffer.alloc(bytes, 7)})`.execute(trx).then(() => tag);

maybe('fails only the body that does not fit, with SQLITE_FULL; the 11 others of its batch are stored', async () => {
  const batcher = groupCommitOf(storage.db)!;
  fs.fill(1024 * 1024);
  const before = { ...batcher.stats };
  // All twelve are queued in one turn of the event loop: one batch.
  const calls = [
    ...Array.from({ length: 5 }, (_, i) => batcher.run(insert(`small-a${i}`, 2000))),
    batcher.run(insert('large', 4 * 1024 * 1024)),
    ...Array.from({ length: 6 }, (_, i) => batcher.run(insert(`small-b${i}`, 2000))),
  ];
  const settled = await Promise.allSettled(calls);
  const failed = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ i, error: s.reason as { code?: string; message: string } }] : []));
  expect(failed.map((f) => f.i)).toEqual([5]);
  expect(failed[0].error).toMatchObject({ code: 'SQLITE_FULL' });
  expect(failed[0].error.message).not.toMatch(/cannot rollback/);
  expect(batcher.stats.rerunBatches - before.rerunBatches).toBe(1);
  const rows = await sql<{ tag: string }>`select tag from fill_probe order by id`.execute(storage.db);
  expect(rows.rows.map((r) => r.tag).sort()).toEqual([...Array.from({ length: 5 }, (_, i) => `small-a${i}`), ...Array.from({ length: 6 }, (_, i) => `small-b${i}`)].sort());
});

maybe('regression: with space again, a large body is stored and the batch commits once', async () => {
  const batcher = groupCommitOf(storage.db)!;
  const before = { ...batcher.stats };
  const tags = await Promise.all([batcher.run(insert('large-later', 2 * 1024 * 1024)), batcher.run(insert('small-later', 2000))]);
  expect(tags).toEqual(['large-later', 'small-later']);
  expect(batcher.stats.batches - before.batches).toBe(1);
  expect(batcher.stats.rerunBatches).toBe(before.rerunBatches);
});
