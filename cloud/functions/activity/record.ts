/** The activity record (活动记录): what happened, who came, what staff filled in; its export and the activity's history. */
import * as c from '../../contract/activity/record';
import { requireState } from '../../domain/activity';
import { recordFilename, recordSheets } from '../../domain/activity-record';
import { activityEvents, findActivityRecord, num, saveActivityRecord, type ActivityRow } from '../../storage/activities.repository';
import { defineFunction, type FnContext } from '../registry';
import { loadActivity, staffOfActivity } from './access';
import { attendanceOf, participantsOf } from './attendance';

async function recordOf(ctx: FnContext, a: ActivityRow): Promise<c.ActivityRecord> {
  const [counts, people, filled] = await Promise.all([attendanceOf(ctx.db, a), participantsOf(ctx.db, a.id), findActivityRecord(ctx.db, a.id)]);
  return {
    id: a.id,
    title: a.title,
    type: a.type,
    status: a.status,
    unionName: a.union_name,
    organizer: a.organizer,
    place: a.place,
    startAt: a.start_at,
    endAt: a.end_at,
    audience: a.audience,
    quota: a.quota === null ? null : num(a.quota),
    counts,
    participants: people.filter((x) => x.signUp === 'signed_up' || x.checkedInAt !== null),
    content: filled?.content ?? '',
    outcome: filled?.outcome ?? '',
    awards: filled?.awards ?? '',
    filledBy: filled?.display_name ?? null,
    filledAt: filled?.updated_at ?? null,
    generatedAt: ctx.now.toISOString(),
  };
}

/** 活动记录: time, place, organiser, sign-up and check-in lists and counts, plus what staff filled in. */
export const record = defineFunction({
  contract: c.record,
  policy: staffOfActivity('id'),
  kind: 'query',
  async handler(input, ctx) {
    return recordOf(ctx, await loadActivity(ctx, input.id));
  },
});

/** 填写活动记录 (content, outcome, awards) for a published or finished activity; each save is audited. */
export const saveRecord = defineFunction({
  contract: c.saveRecord,
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const a = await loadActivity(ctx, input.id);
    requireState(a.status, ['published', 'finished'], '填写活动记录');
    const at = ctx.now.toISOString();
    await ctx.transaction(async (w) => {
      await saveActivityRecord(w.db, a.id, { content: input.content, outcome: input.outcome, awards: input.awards, updated_by: p.userId, updated_at: at });
      await w.audit({ objectType: 'activity', objectId: a.id, unionId: a.union_id, detail: { contentLength: input.content.length, outcomeLength: input.outcome.length, awardsLength: input.awards.length } });
    });
    return { filledAt: at };
  },
});

/** 导出活动记录 as `.xlsx` (sheets 活动记录 and 参加人员), base64 in the answer. Audited: it holds names. */
export const exportRecord = defineFunction({
  contract: c.exportRecord,
  policy: staffOfActivity('id'),
  kind: 'mutation',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    const rec = await recordOf(ctx, a);
    const sheets = recordSheets(rec);
    // Loaded on first use: the workbook library is large and only this function needs it.
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    book.creator = rec.unionName;
    book.created = ctx.now;
    const summary = book.addWorksheet('活动记录');
    summary.columns = [{ width: 16 }, { width: 80 }];
    summary.addRow([sheets.title]).font = { bold: true, size: 14 };
    summary.mergeCells(1, 1, 1, 2);
    for (const [k, v] of sheets.summary) {
      const row = summary.addRow([k, v]);
      row.getCell(1).font = { bold: true };
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    }
    const people = book.addWorksheet('参加人员');
    people.columns = sheets.people.header.map((h, i) => ({ header: h, width: [6, 10, 16, 28, 10, 18, 18, 14, 10][i] ?? 14 }));
    people.getRow(1).font = { bold: true };
    for (const r of sheets.people.rows) people.addRow(r);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    await ctx.transaction((w) => w.audit({ objectType: 'activity', objectId: rec.id, unionId: a.union_id, detail: { export: 'xlsx', participants: rec.participants.length } }));
    return {
      filename: recordFilename(rec),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buffer.toString('base64'),
    };
  },
});

/** 操作记录 of the activity (create, edits with before/after, publish, cancel, finish, record saves). */
export const history = defineFunction({
  contract: c.history,
  policy: staffOfActivity('id'),
  kind: 'query',
  async handler(input, ctx) {
    const a = await loadActivity(ctx, input.id);
    const rows = await activityEvents(ctx.db, a.id);
    return { items: rows.map((r) => ({ at: r.at, action: r.action, actorName: r.display_name ?? null, detail: JSON.parse(r.detail) as Record<string, unknown> })) };
  },
});
