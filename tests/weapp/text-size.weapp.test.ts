/**
 * Large-text mode in the mini-program (issue 18 item 9): the member pages follow WeChat's 字体大小
 * setting (`fontSizeSetting`): each page's root view carries the text scale (`--fs`) that every font
 * size of the app is multiplied by (app.scss). The runtime draws no styles, so this checks that the
 * setting reaches the page; tests/e2e/a11y.e2e.test.ts checks the layout at the largest scale in H5.
 */
import { weappWorldForThisFile } from '../support/weapp/world';
import type { Element } from '../support/weapp/tree';

jest.setTimeout(90_000);

const world = weappWorldForThisFile();

async function memberPhone(fontSizeSetting: number) {
  const key = `weapp-${Math.random().toString(36).slice(2, 10)}`;
  const token = await world().host.login('member', 'bu-cy01', key);
  return world().phone({ fontSizeSetting, storage: { 'union.sessionToken': token, 'union.demoKey': key } });
}

/** The page's root view (`.page`) and its inline style. */
const pageRoot = (elements: Element[]) => elements.find((e) => /(^|\s)page(\s|$)/.test(String(e.attrs.class ?? '')));

function rootStyle(elements: Element[]): string {
  const root = pageRoot(elements);
  if (!root) throw new Error('no .page root view');
  return String(root.attrs.style ?? '');
}

it.each([
  [17, ''],
  [20, '--fs: 1.25'],
  [26, '--fs: 1.5'],
])('WeChat font size %i px gives the member pages the scale “%s”', async (setting, scale) => {
  const phone = await memberPhone(setting);
  await phone.waitForRoute('pages/index/index');
  await phone.waitForText('欢迎来到工会之家。入会、参加活动、查看经费公示，都在这里。');
  const pages = [rootStyle(phone.elements())];
  for (const [tab, route] of [['我的', 'pages/mine/index'], ['经费公示', 'pages/notices/index']]) {
    phone.tapTab(tab);
    await phone.waitForRoute(route);
    await phone.waitFor(() => pageRoot(phone.elements()), `${tab} drawn`);
    pages.push(rootStyle(phone.elements()));
  }
  for (const style of pages) {
    if (scale) expect(style).toContain(scale);
    else expect(style).not.toContain('--fs');
  }
  await phone.close();
});
