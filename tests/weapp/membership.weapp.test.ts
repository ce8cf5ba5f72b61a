/**
 * 会籍与个人信息 in the mini-program: a member adds a certificate to 我的档案 from a chat file
 * (chooseMessageFile, after the privacy agreement); the file is on the host, in the member's file.
 */
import { startWeappWorld, type WeappWorld } from '../support/weapp/world';

jest.setTimeout(120_000);

let world: WeappWorld;
beforeAll(async () => {
  world = await startWeappWorld();
});
afterAll(() => world?.close());

/** A small, valid PDF (one empty page). */
function pdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

it('a member uploads a diploma from a chat file into 我的档案', async () => {
  const member = await world.phoneAs('member', 'bu-cy01', { path: 'pages/membership/index' });
  await member.waitForText('我的档案');
  await member.tap(await member.waitForText('学历证书'));
  member.files.set('wxfile://tmp/picked-毕业证.pdf', pdf());
  await member.tap('上传材料');
  await member.waitForText('使用前请阅读隐私保护指引');
  await member.tap('同意并继续');
  await member.waitForText('已上传 毕业证.pdf（学历证书）');

  const mine = await world.host.call('membership.myFile', {}, world.sessionOf(member));
  expect(mine.attachments).toContainEqual(expect.objectContaining({ fileName: '毕业证.pdf', kind: 'diploma', mimeType: 'application/pdf' }));
});
