/* global Parse */
/**
 * Cloud Code: the same check-in as ours — one per (activity, member); a repeat answers
 * success with `duplicate: true`. Needs a logged-in user. The unique index on
 * ("activityId", "memberId") is created by parse-server.mjs, so two racing check-ins of one
 * member cannot both be stored.
 */
Parse.Cloud.define('checkIn', async (req) => {
  if (!req.user) throw new Parse.Error(Parse.Error.INVALID_SESSION_TOKEN, 'login required');
  const { activityId, memberId, nonce } = req.params;
  if (typeof activityId !== 'string' || typeof memberId !== 'string' || typeof nonce !== 'string') {
    throw new Parse.Error(Parse.Error.INVALID_JSON, 'activityId, memberId and nonce are required');
  }
  const existing = await new Parse.Query('CheckIn').equalTo('activityId', activityId).equalTo('memberId', memberId).first({ useMasterKey: true });
  if (existing) return { checkedInAt: existing.createdAt.toISOString(), duplicate: true };
  const row = new Parse.Object('CheckIn');
  row.set({ activityId, memberId, nonce, by: req.user.id });
  try {
    await row.save(null, { useMasterKey: true });
  } catch (e) {
    if (e.code === Parse.Error.DUPLICATE_VALUE) return { checkedInAt: new Date().toISOString(), duplicate: true };
    throw e;
  }
  return { checkedInAt: row.createdAt.toISOString(), duplicate: false };
});
