/** 诉求统计 for the industry union. */
import * as c from '../../contract/request/stats';
import { REQUEST_CATEGORIES, type RequestCategory } from '../../contract/request/labels';
import { daysWaiting, replyDueAt } from '../../domain/request';
import { requestFiguresOf } from '../../storage/requests.repository';
import { baseUnionsOf, findUnion } from '../../storage/unions.repository';
import { defineFunction } from '../registry';
import { HANDLERS, field, tally } from './items';

/**
 * 诉求统计 for the industry union (its staff, chair and admin): per union (the industry union's
 * own direct members and each base union) counts by state and category, satisfaction, and the
 * overdue requests, longest waiting first. No person and no text.
 */
export const stats = defineFunction({
  contract: c.stats,
  policy: { kind: 'unionRoles', roles: HANDLERS, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'query',
  async handler(input, ctx) {
    const industry = await findUnion(ctx.db, input.unionId);
    if (industry?.kind !== 'industry') throw field('unionId', '请选择行业工会');
    const unions = [industry, ...(await baseUnionsOf(ctx.db, industry.id))];
    const rows = await requestFiguresOf(ctx.db, unions.map((u) => u.id));
    const totals = { total: 0, pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0 };
    const overdue: c.OverdueRequest[] = [];
    const byUnion = unions.map((u) => {
      const mine = rows.filter((r) => r.union_id === u.id);
      const s: c.RequestUnionStats = { unionId: u.id, unionName: u.name, total: mine.length, pending: 0, replied: 0, closed: 0, overdue: 0, escalated: 0, byCategory: {}, satisfiedPercent: null };
      for (const r of mine) {
        const cat = (REQUEST_CATEGORIES as readonly string[]).includes(r.category) ? (r.category as RequestCategory) : 'other';
        s.byCategory[cat] = (s.byCategory[cat] ?? 0) + 1;
        if (tally(s, r, ctx.now)) {
          overdue.push({ id: r.id, unionId: u.id, unionName: u.name, category: cat, submittedAt: r.submitted_at, replyDueAt: replyDueAt(r.submitted_at), daysWaiting: daysWaiting(r.submitted_at, ctx.now), anonymous: r.anonymous === 1 });
        }
      }
      const rated = mine.filter((r) => r.rating !== null);
      s.satisfiedPercent = rated.length ? Math.round((100 * rated.filter((r) => r.rating === 'satisfied').length) / rated.length) : null;
      for (const k of ['total', 'pending', 'replied', 'closed', 'overdue', 'escalated'] as const) totals[k] += s[k];
      return s;
    });
    overdue.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
    return { unions: byUnion, totals, overdue };
  },
});
