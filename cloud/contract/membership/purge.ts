/** 保存期限到期匿名化: `membership.purgeExpired`. */
import { z } from 'zod';
import { defineContract } from '../define';
import { id } from '../common';

export const purgeExpired = defineContract<{ anonymised: number; retentionYears: number; dryRun: boolean }>()(
  'membership.purgeExpired',
  z.strictObject({
    /** The union (the industry union covers its base unions too). */
    unionId: id,
    /** Only count what would be anonymised. */
    dryRun: z.boolean({ error: '须为 true 或 false' }).optional(),
  }),
  '匿名化保存期限已满的退会会员（主机每天也会自动执行）',
);
