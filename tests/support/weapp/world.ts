/**
 * One test's world for the mini-program: the real host (SQLite, demo data) with WeChat login against
 * the fake WeChat server, and phones running the real `dist/weapp` build in the headless runtime.
 */
import type { Persona } from '../../../cloud/contract/labels';
import { startFakeWechat, type FakeWechat } from '../fake-wechat';
import { startTestHost, type TestHost, type StartOptions } from '../host';
import { launchPhone, type LaunchOptions, type Phone, type PhoneOptions } from './runtime';

export interface WeappWorld {
  host: TestHost;
  wechat: FakeWechat;
  /** A phone with the app launched; closed (and checked for errors) by `close()`. */
  phone(opts?: Partial<PhoneOptions> & { launch?: LaunchOptions; storage?: Record<string, unknown>; clockOffsetMs?: number }): Phone;
  /** A phone whose app is already logged in as a demo persona (the session in the phone's storage). */
  phoneAs(persona: Persona, unionId?: string, launch?: LaunchOptions): Promise<Phone>;
  /** The session token a phone's app keeps (to act for its person through the API in a test). */
  sessionOf(phone: Phone): string;
  close(): Promise<void>;
}

export async function startWeappWorld(opts: StartOptions = {}): Promise<WeappWorld> {
  const wechat = await startFakeWechat();
  const host = await startTestHost({ ...opts, env: { WECHAT_APP_ID: wechat.appId, WECHAT_APP_SECRET: wechat.appSecret, WECHAT_API_BASE: wechat.url, ...opts.env } });
  const phones: Phone[] = [];
  const world: WeappWorld = {
    host,
    wechat,
    phone(o = {}) {
      const p = launchPhone({ server: host.url, ...o });
      phones.push(p);
      return p;
    },
    async phoneAs(persona, unionId, launch) {
      const key = persona === 'worker' || persona === 'member' ? `weapp-${Math.random().toString(36).slice(2, 10)}` : undefined;
      const token = await host.login(persona, unionId, key);
      return world.phone({ storage: { 'union.sessionToken': token, 'union.demoKey': key ?? '' }, launch });
    },
    sessionOf(phone) {
      return String(phone.storage.get('union.sessionToken') ?? '');
    },
    async close() {
      const failures: string[] = [];
      for (const p of phones) {
        try {
          await p.close();
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
      await host.close();
      await wechat.close();
      if (failures.length) throw new Error(failures.join('\n\n'));
    },
  };
  return world;
}

/**
 * The world of one test file: started before its tests, closed (and its phones checked for errors)
 * after them. `world()` is valid inside tests and hooks.
 */
export function weappWorldForThisFile(opts: StartOptions = {}): () => WeappWorld {
  let current: WeappWorld | undefined;
  beforeAll(async () => {
    current = await startWeappWorld(opts);
  });
  afterAll(() => current?.close());
  return () => {
    if (!current) throw new Error('the weapp world is not started (use it inside a test or hook)');
    return current;
  };
}
