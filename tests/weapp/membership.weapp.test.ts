/**
 * 会籍与个人信息 in the mini-program: a member adds a certificate to 我的档案 from a chat file
 * (chooseMessageFile, after the privacy agreement); the file is on the host, in the member's file.
 */
import { demoPdf } from '../../cloud/seed/files-demo';
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(120_000);

const world = weappWorldForThisFile();

it('a member uploads a diploma from a chat file into 我的档案', async () => {
  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/membership/index' });
  await member.waitForText('我的档案');
  await member.tap(await member.waitForText('学历证书'));
  member.files.set('wxfile://tmp/picked-毕业证.pdf', demoPdf('Diploma'));
  await member.tap('上传材料');
  await member.waitForText('使用前请阅读隐私保护指引');
  await member.tap('同意并继续');
  await member.waitForText('已上传 毕业证.pdf（学历证书）');

  const mine = await world().host.call('membership.myFile', {}, world().sessionOf(member));
  expect(mine.attachments).toContainEqual(expect.objectContaining({ fileName: '毕业证.pdf', kind: 'diploma', mimeType: 'application/pdf' }));
});
