/** Members' questions on a notice (提问) and the union's answers (答复). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { text } from './fields';

export const ask = defineContract<{ id: string }>()(
  'fund.ask',
  z.strictObject({
    /** The notice asked about. */
    noticeId: id,
    /** The member's question (提问). */
    body: text(300, '问题'),
  }),
  '会员就经费公示提问',
);

export const answer = defineContract<{ id: string }>()(
  'fund.answer',
  z.strictObject({
    /** The question answered. */
    questionId: id,
    /** The union's answer (答复). */
    body: text(500, '答复'),
  }),
  '工会答复会员提问',
);
