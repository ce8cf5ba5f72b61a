/**
 * The S3-compatible file store (`UNION_FILES_STORE=s3`) against a local S3 server that checks
 * signatures (moto_server, tests/support/s3-server.ts): the FileStore contract, a wrong secret refused,
 * and a host storing a member-file attachment there and giving it back. Skipped, with the reason, when
 * moto_server is not installed.
 */
import { createHash } from 'node:crypto';
import { demoPng } from '../../cloud/seed/files-demo';
import { newFileKey } from '../../cloud/storage/file-store';
import { S3FileStore } from '../../cloud/storage/s3-file-store';
import { startTestHost } from '../support/host';
import { localS3Unavailable, startLocalS3, type LocalS3 } from '../support/s3-server';

jest.setTimeout(60_000);

const reason = localS3Unavailable();
if (reason) {
  process.stdout.write(`s3-file-store.test.ts: skipped: ${reason}\n`);
  it.skip(`the S3-compatible file store (skipped: ${reason})`, () => undefined);
} else {
  describe('the S3-compatible file store', () => {
    let s3: LocalS3;
    beforeAll(async () => {
      s3 = await startLocalS3();
    });
    afterAll(async () => {
      await s3?.stop();
    });
    const store = (secret = s3.secretAccessKey) => new S3FileStore({ ...s3, secretAccessKey: secret });

    it('gives back every byte it stored, replaces on a second put, forgets on delete', async () => {
      const key = newFileKey('attachments', new Date());
      const bytes = Buffer.from(Array.from({ length: 256 * 40 }, (_, i) => i % 256));
      await store().put(key, bytes);
      expect((await store().get(key))?.equals(bytes)).toBe(true);
      await store().put(key, Buffer.from('第二版'));
      expect((await store().get(key))?.toString()).toBe('第二版');
      await store().delete(key);
      expect(await store().get(key)).toBeNull();
      await store().delete(key);
      await expect(store().get('../x')).rejects.toThrow(/bad key/);
    });

    it('is refused with a wrong secret (the server checks the signature)', async () => {
      await expect(store('not-the-secret').put(newFileKey('attachments', new Date()), Buffer.from('x'))).rejects.toThrow(/HTTP 403 SignatureDoesNotMatch/);
    });

    it('a host with UNION_FILES_STORE=s3 keeps an attachment there and gives it back', async () => {
      const t = await startTestHost({
        env: { UNION_FILES_STORE: 's3', UNION_S3_ENDPOINT: s3.endpoint, UNION_S3_BUCKET: s3.bucket, UNION_S3_ACCESS_KEY_ID: s3.accessKeyId, UNION_S3_SECRET_ACCESS_KEY: s3.secretAccessKey },
      });
      try {
        expect(t.host.files.describe).toContain('S3');
        const staff = await t.login('staff', 'bu-cy01', 's3-staff');
        const member = await t.login('member', 'bu-cy01', 's3-member');
        const { user } = await t.call('auth.me', {}, member);
        const bytes = demoPng(24, 24, [4, 5, 6]);
        const { attachment } = await t.call('membership.attach', { memberId: user.memberOf!.memberId, kind: 'diploma', fileName: '毕业证.png', base64: bytes.toString('base64') }, staff);
        const row = await t.host.storage.db.selectFrom('member_attachments').select('file_key').where('id', '=', attachment.id).executeTakeFirstOrThrow();
        // In the bucket (sealed), not on the host's disk.
        expect((await store().get(row.file_key))?.length).toBe(bytes.length + 32);
        const got = await t.call('membership.attachment', { attachmentId: attachment.id }, staff);
        expect(createHash('sha256').update(Buffer.from(got.base64, 'base64')).digest('hex')).toBe(attachment.sha256);
        expect(t.logs).toEqual([]);
      } finally {
        await t.close();
      }
    });
  });
}
