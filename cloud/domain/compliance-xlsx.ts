/**
 * The standardisation overview as a spreadsheet (规范化建设总览 .xlsx): one sheet with one row
 * per base union (lowest score first: score, items passed, failing items), and one sheet with one
 * row per failing item and what to do next, so the industry union can hand it out at a meeting.
 */
import { loadExcelJS } from './lazy-modules';

export interface OverviewExportRow {
  unionName: string;
  score: number;
  passed: number;
  scored: number;
  failing: { label: string; detail: string; nextStep: string | null }[];
}

export const OVERVIEW_SHEET = '规范化建设总览';
export const FAILING_SHEET = '未达标项';

export async function writeComplianceXlsx(rows: readonly OverviewExportRow[], meta: { unionName: string; exportedAt: Date; membershipRateTarget: number }): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = meta.unionName;
  wb.created = meta.exportedAt;
  const ws = wb.addWorksheet(OVERVIEW_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '基层工会', key: 'union', width: 30 },
    { header: '得分', key: 'score', width: 8 },
    { header: '达标项', key: 'passed', width: 10 },
    { header: '未达标项', key: 'failing', width: 80 },
  ];
  ws.getRow(1).font = { bold: true };
  rows.forEach((r, i) => ws.addRow({ no: i + 1, union: r.unionName, score: r.score, passed: `${r.passed}/${r.scored}`, failing: r.failing.map((f) => f.label).join('；') || '全部达标' }));
  ws.addRow({});
  ws.addRow({ union: `入会率目标 ${meta.membershipRateTarget}%；得分 = 达标项 ÷ 计分项 × 100` });

  const fs = wb.addWorksheet(FAILING_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  fs.columns = [
    { header: '基层工会', key: 'union', width: 30 },
    { header: '检查项', key: 'label', width: 28 },
    { header: '现状', key: 'detail', width: 50 },
    { header: '下一步', key: 'next', width: 60 },
  ];
  fs.getRow(1).font = { bold: true };
  for (const r of rows) for (const f of r.failing) fs.addRow({ union: r.unionName, label: f.label, detail: f.detail, next: f.nextStep ?? '' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
