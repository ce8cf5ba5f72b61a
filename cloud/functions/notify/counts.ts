/** `notify.counts`: how many people were told about a notice or an activity, and how many could not be. */
import * as c from '../../contract/notify/notify.contract';
import { countsForObject, unionOfNotifyObject } from '../../storage/notifications.repository';
import { defineFunction } from '../registry';

/** 通知情况, for the staff of the object's union (and the industry admin); others: not_found. */
export const counts = defineFunction({
  contract: c.counts,
  policy: {
    kind: 'objectRoles',
    what: '对象',
    roles: ['staff', 'chair', 'industryAdmin'],
    locate: async (input, db) => {
      const union = await unionOfNotifyObject(db, input.objectType, input.id);
      return union ? { union } : null;
    },
  },
  kind: 'query',
  async handler(input, ctx) {
    return countsForObject(ctx.db, input.objectType, input.id);
  },
});
