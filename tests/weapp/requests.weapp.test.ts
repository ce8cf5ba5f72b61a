/**
 * 诉求与建议 in the mini-program: a member writes a request with a photo from the album (privacy
 * agreement first), submits it; staff answer it on their phone; the member reads the answer.
 */
import QRCode from 'qrcode';
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(120_000);

const world = weappWorldForThisFile();

it('a member submits a request with a photo; staff answer on their phone; the member reads it', async () => {
  const member = await world().phoneAs('member', 'bu-cy01', { path: 'pages/requests/index' });
  await member.tap(await member.waitForText('我要反映'));
  await member.waitForRoute('pages/request-new/index');
  await member.waitForText('劳动安全卫生');
  await member.tap('劳动安全卫生');
  const text = '后厨排风扇坏了两周，油烟很大，请工会帮忙反映给店里尽快修好。';
  await member.type('遇到了什么问题，或有什么建议', text);

  // The album gives one photo (a real PNG); WeChat asks for the privacy agreement first.
  member.files.set('wxfile://tmp/picked-kitchen.png', await QRCode.toBuffer('排风扇'));
  await member.tap('添加照片');
  await member.waitForText('使用前请阅读隐私保护指引');
  await member.tap('同意并继续');
  await member.waitForText('删除照片');
  await member.tap('提交');
  await member.waitForRoute('pages/request/index');
  await member.waitForText(text);
  expect(member.toasts).toContainEqual(expect.objectContaining({ title: '已提交' }));
  const id = member.current!.query.id;

  const staff = await world().phoneAs('staff', 'bu-cy01', { path: 'pages/request/index', query: { id } });
  await staff.waitForText(text);
  await staff.tap('查看照片');
  const photo = await staff.waitFor(() => staff.elements().find((e) => e.tag === 'image' && String(e.attrs.src ?? '').length > 0), 'the request photo');
  // The photo the member picked, as WeChat's <image> gets it.
  expect(String(photo.attrs.src)).toMatch(/^(data:image\/png;base64,|wxfile:\/\/)/);
  await staff.type('答复这位会员', '已联系店长，本周五前更换排风扇。');
  await staff.tap('发送答复');
  // In the thread (not just still in the box): the box empties when the answer is sent.
  await staff.waitFor(() => staff.find('已联系店长，本周五前更换排风扇。').some((e) => e.tag !== 'textarea'), 'the answer in the thread');

  member.navigate('redirectTo', `/pages/request/index?id=${id}`);
  await member.waitForText('已联系店长，本周五前更换排风扇。');
});
