/** Sample inputs of the `notify.*` functions (see ./index.ts). */
import type { Sample } from './index';

export const notifySamples: Record<string, Sample> = {
  'notify.list': () => ({ unreadOnly: false, page: 1 }),
  'notify.markRead': () => ({ all: true }),
  'notify.settings': () => ({ wechat: { activity_reminder: true } }),
  'notify.subscribe': () => ({ answers: { 'tmpl-not-configured': 'accept' } }),
  // The seeded bu-cy01 activity: its staff, chair and the industry admin see who was told.
  'notify.counts': () => ({ objectType: 'activity', id: 'act-demo-cy01-sports' }),
};
