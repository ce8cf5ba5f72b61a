import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalDiskFileStore, assertFileKey, newFileKey } from './file-store';

describe('LocalDiskFileStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores, reads back and deletes bytes under a generated key, leaving no temporary file', async () => {
    const store = new LocalDiskFileStore(dir);
    const key = newFileKey('attachments', new Date('2026-11-25T10:00:00Z'));
    expect(key).toMatch(/^attachments\/2026\/11\/[0-9a-f]{32}$/);
    await store.put(key, Buffer.from('一人一档'));
    expect((await store.get(key))?.toString()).toBe('一人一档');
    expect(fs.readdirSync(path.join(dir, 'attachments', '2026', '11'))).toHaveLength(1);
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await store.delete(key);
  });

  it('refuses keys that could leave its folder', () => {
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', 'A/b', '', 'a//b']) expect(() => assertFileKey(bad)).toThrow();
  });
});
