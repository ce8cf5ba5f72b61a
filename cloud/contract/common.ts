import { z } from 'zod';

/** Ids are opaque strings (contract: "Ids are strings"). */
export const id = z.string().trim().min(1, '不能为空').max(64, '编号过长');
