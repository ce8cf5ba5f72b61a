/**
 * The standardisation checklist (规范化建设) of one base union, computed from the data: committees,
 * terms, the chair's election, the membership rate, activity records, member files, fund notices,
 * the chair's yearly report, and the items staff tick by hand (see docs/api.md for each item).
 */
import type { ComplianceResult } from '../../contract/org/compliance';
import { COMMITTEE_LABELS, DEFAULT_MEMBERSHIP_RATE_TARGET } from '../../contract/org/labels';
import { mustParsePeriod, noticeDueDate } from '../../domain/fund-period';
import { MANUAL_ITEMS, chairReportCheck, complianceScore, membershipRatePercent, previousQuarters, type CheckItem } from '../../domain/organisation';
import { chinaDate } from '../../domain/time';
import { activeMemberCounts } from '../../storage/committees.repository';
import {
  activeMembersPerUnit,
  chairReportsOf,
  firstNoticePublications,
  memberFileCounts,
  membershipRateTarget,
  recordedActivityEnds,
  ticksOf,
} from '../../storage/compliance.repository';
import { loadSettings } from '../../storage/fund.repository';
import type { Q } from '../../storage/schema';
import { unitsOfBase } from '../../storage/units.repository';
import { committeeInfos } from './committee-view';

/** The membership-rate target the industry union set for its base unions (the default without one). */
export async function rateTargetOf(db: Q, industryId: string | null): Promise<number> {
  return (industryId ? await membershipRateTarget(db, industryId) : null) ?? DEFAULT_MEMBERSHIP_RATE_TARGET;
}

/** Computes one base union's checklist from the data (see docs/api.md for each item). */
export async function computeCompliance(db: Q, now: Date, union: { id: string; name: string; kind: 'industry' | 'base'; parent_id: string | null }): Promise<ComplianceResult> {
  const today = chinaDate(now);
  const counts = await activeMemberCounts(db, union.id);
  const infos = await committeeInfos(db, union, counts, today);
  const target = await rateTargetOf(db, union.parent_id);
  const items: (CheckItem & { note?: string | null; photo?: ComplianceResult['items'][number]['photo'] })[] = [];

  for (const info of infos) {
    const name = COMMITTEE_LABELS[info.kind][info.requiredForm];
    const ok = info.exists && info.problems.filter((p) => !p.startsWith('任期已于')).length === 0 && info.vacancies.length === 0;
    const detail = info.exists ? `${info.label} ${info.seats.length} 人${info.problems.length || info.vacancies.length ? `：${[...info.problems, ...info.vacancies].join('；')}` : ''}` : `尚未建立（会员 ${counts.members} 人，女会员 ${counts.women} 人）`;
    items.push({
      key: `committee_${info.kind}`,
      label: `${name}`,
      status: ok ? 'pass' : 'fail',
      detail,
      nextStep: ok ? null : info.exists ? `在“委员会”中调整${info.label}的人选，使其符合要求` : `选举产生${name}，在“委员会”中设置任期和人选`,
      manual: false,
    });
  }

  const existing = infos.filter((i) => i.exists);
  const expired = existing.filter((i) => i.reelection === 'overdue');
  const due = existing.filter((i) => i.reelection === 'due');
  items.push({
    key: 'term',
    label: '按期换届',
    status: existing.length > 0 && expired.length === 0 ? 'pass' : 'fail',
    detail: existing.length === 0 ? '尚无任期记录' : expired.length ? expired.map((i) => `${i.label}任期已于 ${i.termEnd} 届满`).join('；') : due.length ? due.map((i) => `${i.label} ${i.termEnd} 届满，6个月内应换届`).join('；') : '各委员会均在任期内',
    nextStep: existing.length === 0 ? '在“委员会”中设置本届任期' : expired.length ? '组织换届选举，报上级工会批准后在“委员会”中设置新一届任期' : null,
    manual: false,
  });

  const unionCommittee = infos.find((i) => i.kind === 'union')!;
  const hasChair = unionCommittee.seats.some((s) => s.role === 'chair');
  const approved = hasChair && unionCommittee.electionStatus === 'approved';
  items.push({
    key: 'chair_approved',
    label: '主席选举经上级批准',
    status: approved ? 'pass' : 'fail',
    detail: !hasChair ? '主席空缺' : approved ? `已批准（${unionCommittee.electionApprovalRef ?? ''}）` : unionCommittee.electionStatus === 'pending' ? '待批准' : '未报批',
    nextStep: approved ? null : !hasChair ? '选举产生主席，在“委员会”中登记' : '将选举结果报上级工会，取得批复后记录“已批准”和批复文号',
    manual: false,
  });

  const units = await unitsOfBase(db, union.id);
  const perUnit = await activeMembersPerUnit(db, union.id);
  const rates = units.map((u) => ({ name: u.name, rate: membershipRatePercent(perUnit.get(u.id) ?? 0, u.employees) }));
  const low = rates.filter((r) => r.rate === null || r.rate < target);
  items.push({
    key: 'membership_rate',
    label: `入会率达到 ${target}%`,
    status: units.length > 0 && low.length === 0 ? 'pass' : 'fail',
    detail: units.length === 0 ? '没有会员单位' : rates.map((r) => `${r.name} ${r.rate === null ? '无职工人数' : `${r.rate}%`}`).join('；'),
    nextStep: low.length || units.length === 0 ? `在${low.map((r) => r.name).join('、') || '各单位'}张贴入会二维码，发展会员至入会率 ${target}% 以上` : null,
    manual: false,
  });

  const quarters = previousQuarters(today, 4);
  const oldest = quarters[quarters.length - 1];
  const recordDays = (await recordedActivityEnds(db, union.id, new Date(`${oldest.from}T00:00:00+08:00`).toISOString())).map((end) => chinaDate(new Date(end)));
  const missing = quarters.filter((q) => !recordDays.some((d) => d >= q.from && d <= q.to));
  items.push({
    key: 'activity_quarterly',
    label: '每季度至少一次活动记录',
    status: missing.length === 0 ? 'pass' : 'fail',
    detail: missing.length === 0 ? `近四个季度（${oldest.label}起）均有活动记录` : `缺少：${missing.map((q) => q.label).join('、')}`,
    nextStep: missing.length === 0 ? null : '组织活动，结束后在“活动管理”中填写活动记录（内容、成效）',
    manual: false,
  });

  // 会员档案齐全 (memberFileComplete): an application on file, or for a roster-imported member at least one attachment.
  const { filed, applied } = await memberFileCounts(db, union.id);
  const share = counts.members ? Math.floor((filed * 100) / counts.members) : 0;
  const complete = counts.members > 0 && filed === counts.members;
  items.push({
    key: 'member_files',
    label: '会员档案齐全（入会申请或档案材料）',
    status: complete ? 'pass' : 'fail',
    detail: counts.members === 0 ? '没有在册会员' : `${filed}/${counts.members} 名会员档案齐全（${share}%）：${applied} 人有入会申请，${filed - applied} 名导入会员有档案材料`,
    nextStep: complete ? null : '花名册导入、没有入会申请的会员：请其扫码补填入会申请，或在“会员档案”中上传入会登记表等材料',
    manual: false,
  });

  // 每季度公开经费收支: each of the last four completed quarters has a notice (a quarterly one, or one for
  // every month of it) whose first version was published on time: within the industry union's
  // `dueDays` after the period ends (the same rule as fund.overview).
  const { dueDays } = await loadSettings(db, union.parent_id ?? union.id);
  const notices = await firstNoticePublications(db, union.id);
  const publishedOnTime = (key: string) => {
    const n = notices.find((x) => x.period_key === key);
    return n !== undefined && chinaDate(new Date(n.published_at)) <= noticeDueDate(mustParsePeriod(key), dueDays);
  };
  const noticeMissing = quarters.filter((q) => {
    const year = q.from.slice(0, 4);
    const firstMonth = Number(q.from.slice(5, 7));
    const monthKeys = [0, 1, 2].map((i) => `${year}-M${String(firstMonth + i).padStart(2, '0')}`);
    return !publishedOnTime(`${year}-Q${(firstMonth - 1) / 3 + 1}`) && !monthKeys.every(publishedOnTime);
  });
  items.push({
    key: 'fund_notice',
    label: '每季度按时公开经费收支',
    status: noticeMissing.length === 0 ? 'pass' : 'fail',
    detail: noticeMissing.length === 0 ? `近四个季度（${oldest.label}起）均按时公示` : `未按时公示（期满后 ${dueDays} 天内）：${noticeMissing.map((q) => q.label).join('、')}`,
    nextStep: noticeMissing.length === 0 ? null : '在“经费”中为这些季度结账、经审签署后发布经费公示',
    manual: false,
  });

  const reports = await chairReportsOf(db, union.id);
  const report = chairReportCheck(reports.map((r) => Number(r.year)), today);
  items.push({ key: 'chair_report', label: '主席每年向会员（代表）大会述职', ...report, manual: false });

  const ticks = await ticksOf(db, union.id);
  for (const m of MANUAL_ITEMS) {
    const t = ticks.find((x) => x.item === m.key);
    const done = t?.done === 1;
    const photo = done && t?.photo_key ? { mimeType: t.photo_mime ?? 'image/jpeg', sizeBytes: Number(t.photo_size ?? 0), at: t.photo_at ?? t.updated_at } : null;
    const detail = done ? `已确认${t?.note ? `：${t.note}` : ''}${photo ? '（有照片佐证）' : '（无照片佐证）'}` : '未确认';
    items.push({ key: m.key, label: m.label, status: done ? 'pass' : 'fail', detail, nextStep: done ? null : m.nextStep, manual: true, note: t?.note ?? null, photo });
  }

  const scored = items.filter((i) => i.status !== 'unscored');
  return {
    unionId: union.id,
    unionName: union.name,
    score: complianceScore(items),
    passed: scored.filter((i) => i.status === 'pass').length,
    scored: scored.length,
    membershipRateTarget: target,
    items,
    chairReports: reports.map((r) => ({ year: Number(r.year), reportedOn: r.reported_on, note: r.note })),
  };
}
