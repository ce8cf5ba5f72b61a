/**
 * 导出会员名册 (.xlsx, layout in docs/roster-xlsx.md): `membership.exportRoster` (numbers masked, to
 * work with offline) and `membership.exportRosterFull` (full numbers for 报送, the chair only).
 */
import * as c from '../../contract/membership/export';
import { AppError } from '../../contract/errors';
import { decryptFieldsInOrder } from '../../domain/decrypt-pool';
import { FULL_EXPORT_LIMIT_PER_DAY } from '../../domain/membership';
import { writeRosterXlsx, type RosterExportRow } from '../../domain/roster-xlsx';
import { chinaDate, chinaDateOfIso, chinaTime } from '../../domain/time';
import { fullExportsUsed, takeFullExportSlot } from '../../storage/membership.repository';
import { rosterForExport, type RosterExportMember } from '../../storage/roster.repository';
import { findUnion } from '../../storage/unions.repository';
import { displayNameOf } from '../../storage/users.repository';
import { defineFunction } from '../registry';
import { PII_ROLES } from './roles';

function exportRow(m: RosterExportMember, unionName: string, joinedDate: (iso: string) => string, idNumber: string, phone: string): RosterExportRow {
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: m.birth_date,
    idNumber,
    phone,
    education: m.education,
    politicalStatus: m.political_status,
    householdType: m.household_type,
    unitName: m.listed_unit_name ?? m.unit_name ?? '',
    job: m.job,
    joinedDate: joinedDate(m.joined_at),
    memberNo: m.member_no,
    unionName,
    status: m.status,
  };
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The day's full-export slots were all taken (rolls back the transaction that looked). */
class NoExportSlotLeft extends Error {}

/**
 * 导出会员名册 (.xlsx, layout in docs/roster-xlsx.md), numbers masked (`110***********1234`,
 * `138****5678`): for staff and chairs of that union, to work with offline; audited with the row
 * count. The full numbers for 报送 come only from `exportRosterFull`.
 */
export const exportRoster = defineFunction({
  contract: c.exportRoster,
  policy: { kind: 'unionRoles', roles: PII_ROLES, unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  async handler(input, ctx) {
    const union = await findUnion(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const members = await rosterForExport(ctx.db, union.id, input.status ?? 'active');
    const joinedDate = chinaDateOfIso();
    const file = await writeRosterXlsx(
      members.map((m) => exportRow(m, union.name, joinedDate, m.id_number_masked, m.phone_masked)),
      { unionName: union.name, exportedAt: ctx.now, properties: { title: `会员名册（号码已打码）— ${union.name}`, subject: '身份证号和手机号已打码，不能用于报送全省工会会员实名制系统' } },
    );
    await ctx.transaction(async (w) => {
      await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { rows: members.length, status: input.status ?? 'active', numbers: 'masked' } });
    });
    return { fileName: `会员名册-${union.name}-${chinaDate(ctx.now)}.xlsx`, mimeType: XLSX_MIME, base64: file.toString('base64'), rows: members.length };
  },
});

/**
 * 完整导出会员名册 for 报送 to the provincial real-name system (全省工会会员实名制系统): full ID
 * numbers and phones, in the one worksheet of docs/roster-xlsx.md. The union's chair only, with a
 * reason; at most FULL_EXPORT_LIMIT_PER_DAY per union per China day (`rate_limited`), counted
 * atomically in the database. Who exported it, when and why go into the workbook's document
 * properties and, with the row count and the day's slot, into the audit trail; a refused attempt
 * is audited too (`membership.exportRosterFull.refused`).
 */
export const exportRosterFull = defineFunction({
  contract: c.exportRosterFull,
  policy: { kind: 'unionRoles', roles: ['chair'], unionOf: (i) => i.unionId, denyAs: 'not_found' },
  kind: 'mutation',
  async handler(input, ctx) {
    const p = ctx.requirePrincipal();
    const union = await findUnion(ctx.db, input.unionId);
    if (!union) throw new AppError('not_found', '找不到该工会');
    const day = chinaDate(ctx.now);
    const refuse = async (): Promise<never> => {
      await ctx.transaction(async (w) => {
        await w.audit({ action: 'membership.exportRosterFull.refused', objectType: 'union', objectId: union.id, unionId: union.id, detail: { reason: input.reason, day, limit: FULL_EXPORT_LIMIT_PER_DAY } });
      });
      throw new AppError('rate_limited', `完整名册每个工会每天最多导出 ${FULL_EXPORT_LIMIT_PER_DAY} 次，请明天再试`);
    };
    // A cheap look first, so a burst past the limit does not decrypt the roster for nothing; the slot itself is taken below.
    if ((await fullExportsUsed(ctx.db, union.id, day)) >= FULL_EXPORT_LIMIT_PER_DAY) return refuse();
    const exporterName = (await displayNameOf(ctx.db, p.userId)) || p.userId;
    const members = await rosterForExport(ctx.db, union.id, input.status ?? 'active');
    const keys = ctx.services.keys;
    const joinedDate = chinaDateOfIso();
    // ID numbers and phones are decrypted in worker threads while the file is written, a few
    // thousand rows ahead of it (not the plaintext of the whole roster at once). Chunks hold whole pairs.
    const sealed: string[] = [];
    for (const m of members) sealed.push(m.id_number_enc, m.phone_enc);
    async function* rows(): AsyncIterable<RosterExportRow[]> {
      let i = 0;
      for await (const plain of decryptFieldsInOrder(keys.field, sealed)) {
        const batch: RosterExportRow[] = [];
        for (let k = 0; k < plain.length; k += 2) batch.push(exportRow(members[i++], union!.name, joinedDate, plain[k], plain[k + 1]));
        yield batch;
      }
    }
    const at = `${chinaDate(ctx.now)} ${chinaTime(ctx.now)}（北京时间）`;
    const file = await writeRosterXlsx(rows(), {
      unionName: union.name,
      exportedAt: ctx.now,
      creator: exporterName,
      properties: {
        title: `会员名册（完整号码）— ${union.name}`,
        subject: '报送全省工会会员实名制系统',
        description: `导出人：${exporterName}（${union.name} 工会主席）；导出时间：${at}；事由：${input.reason}；共 ${members.length} 人`,
        keywords: '会员名册 实名制 报送 完整号码',
        category: '个人信息 · 妥善保管',
        lastModifiedBy: exporterName,
      },
    });
    let slot: number;
    try {
      slot = await ctx.transaction(async (w) => {
        const taken = await takeFullExportSlot(w.db, union.id, day, FULL_EXPORT_LIMIT_PER_DAY);
        if (taken === null) throw new NoExportSlotLeft();
        await w.audit({ objectType: 'union', objectId: union.id, unionId: union.id, detail: { reason: input.reason, rows: members.length, status: input.status ?? 'active', numbers: 'full', day, slot: taken } });
        return taken;
      });
    } catch (err) {
      // Taken by calls that arrived at the same time: the file is dropped, never answered.
      if (err instanceof NoExportSlotLeft) return refuse();
      throw err;
    }
    return {
      fileName: `会员名册-报送-${union.name}-${chinaDate(ctx.now)}.xlsx`,
      mimeType: XLSX_MIME,
      base64: file.toString('base64'),
      rows: members.length,
      remainingToday: FULL_EXPORT_LIMIT_PER_DAY - slot,
    };
  },
});
