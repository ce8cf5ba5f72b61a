/** Closing a period (结账) and the reviewer's sign-off (经审签署). */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';
import { periodKey, text } from './fields';

export const closeQuarter = defineContract<{ quarter: string; closedAt: string; duplicate: boolean }>()(
  'fund.closeQuarter',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** The period to close (`2026-Q3`); it must have ended, with the one before it closed. */
    quarter: periodKey,
  }),
  '结账：该期间不再记账（更正记入当期）',
);

export const signOff = defineContract<{ quarter: string; signedAt: string }>()(
  'fund.signOff',
  z.strictObject({
    /** The union whose books, notices or settings these are. */
    unionId: id,
    /** A closed period. */
    quarter: periodKey,
    /** The review body's opinion (审查意见), printed on the notice. */
    opinion: text(500, '审查意见'),
  }),
  '经审签署已结账期间',
);
