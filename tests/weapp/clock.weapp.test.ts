/**
 * A phone whose clock is wrong still works: the SDK signs each call with the phone's time, and the
 * host checks the signature against the app key only (docs/api.md: the key ships in every client, so
 * a time window would protect nothing and only lock out phones set to the wrong time).
 */
import { weappWorldForThisFile } from '../support/weapp/world';

jest.setTimeout(60_000);

const world = weappWorldForThisFile();

it.each([
  ['2 hours behind', -2 * 3600_000],
  ['2 hours ahead', 2 * 3600_000],
])('a phone %s logs in with WeChat and calls functions', async (_label, offset) => {
  const phone = world().phone({ wechatUser: `clock${offset > 0 ? 'ahead' : 'behind'}`, clockOffsetMs: offset });
  // The phone's own Date is off by the offset (what the SDK signs with).
  const phoneNow = Number(require('node:vm').runInContext('Date.now()', phone.context));
  expect(Math.abs(phoneNow - Date.now() - offset)).toBeLessThan(5000);
  // Logged in with WeChat on the login page, then the home tab, drawn from calls that all succeeded.
  await phone.waitFor(() => phone.requests.some((r) => r.url.endsWith('auth.wechatLogin')) && phone.route !== 'pages/login/index', 'logged in and past the login page');
  await phone.idle();
  expect(phone.requests.length).toBeGreaterThan(2);
  expect(phone.requests.filter((r) => r.status !== 200)).toEqual([]);
  expect(phone.requests.map((r) => r.url)).toEqual(expect.arrayContaining([expect.stringMatching(/auth\.wechatLogin$/), expect.stringMatching(/auth\.me$/)]));
});
