/** Members' questions on a notice (提问) and the union's answers (答复): `fund.ask`, `fund.answer`. */
import * as c from '../../contract/fund/questions';
import { AppError } from '../../contract/errors';
import { newId } from '../../domain/crypto';
import { findNotice, findQuestion, insertAnswer, insertQuestion, openQuestionCount } from '../../storage/fund-notices.repository';
import { holdLimit, limitKey } from '../../storage/limits.repository';
import { defineFunction } from '../registry';
import { displayNameOf, inUnionOf, NOTICE_READERS, RECORDERS, write } from './shared';
import { notifyNoticeAnswered } from '../notify/producers';

/** At most this many unanswered questions per member per notice (a light brake on floods). */
const MAX_OPEN_QUESTIONS = 3;

/**
 * 会员提问 on a notice of their own union; the thread is visible to the union's members. Those
 * who read the notice without being members (staff, reviewer) get `forbidden`; others `not_found`.
 */
export const ask = defineFunction({
  contract: c.ask,
  policy: {
    kind: 'objectRoles',
    what: '公示',
    roles: [],
    members: true,
    locate: inUnionOf('fund_notices', (i: { noticeId: string }) => i.noticeId),
    seenBy: { roles: NOTICE_READERS, message: '只有本工会会员可以提问' },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const notice = await findNotice(ctx.db, input.noticeId);
    if (!notice) throw new AppError('not_found', '找不到该公示');
    const id = newId('fq');
    await write(ctx, async (w) => {
      // Counted under the member's guard row for this notice, in the transaction that inserts
      // (limits.repository.ts): parallel questions take turns, so a 4th unanswered one is refused.
      await holdLimit(w.db, limitKey.questions(notice.id, p.userId), ctx.now);
      if ((await openQuestionCount(w.db, notice.id, p.userId)) >= MAX_OPEN_QUESTIONS) throw new AppError('rate_limited', '你的提问还在等待答复，答复后再提新问题吧');
      await insertQuestion(w.db, { id, notice_id: notice.id, union_id: notice.union_id, body: input.body, asked_by: p.userId, asked_at: ctx.now.toISOString() });
      await w.audit({ objectType: 'fund_question', objectId: id, unionId: notice.union_id, detail: { noticeId: notice.id } });
    });
    return { id };
  },
});

/**
 * 答复: staff or chair of the notice's union answer a member's question. Others who read the
 * notice (its members, the reviewer, the industry admin) get `forbidden`; anyone else `not_found`.
 */
export const answer = defineFunction({
  contract: c.answer,
  policy: {
    kind: 'objectRoles',
    what: '提问',
    roles: RECORDERS,
    locate: inUnionOf('fund_questions', (i: { questionId: string }) => i.questionId),
    seenBy: { roles: NOTICE_READERS, members: true, message: '只有本工会干部可以答复' },
  },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const q = await findQuestion(ctx.db, input.questionId);
    if (!q) throw new AppError('not_found', '找不到该提问');
    const id = newId('fqa');
    const name = await displayNameOf(ctx.db, p.userId);
    await write(ctx, async (w) => {
      await insertAnswer(w.db, { id, question_id: q.id, body: input.body, answered_by: p.userId, answerer_name: name, answered_at: ctx.now.toISOString() });
      await notifyNoticeAnswered(w.db, { noticeId: q.notice_id, unionId: q.union_id, askerUserId: q.asked_by, answerId: id, answer: input.body, at: ctx.now });
      await w.audit({ objectType: 'fund_question', objectId: q.id, unionId: q.union_id, detail: { answerId: id } });
    });
    return { id };
  },
});
