import ExcelJS from 'exceljs';
import { FAILING_SHEET, OVERVIEW_SHEET, writeComplianceXlsx } from './compliance-xlsx';

it('writes one row per base union and one row per failing item with the next step', async () => {
  const file = await writeComplianceXlsx(
    [
      { unionName: '老街美食城工会', score: 40, passed: 4, scored: 10, failing: [{ label: '按期换届', detail: '任期已于 2026-09-01 届满', nextStep: '组织换届选举' }, { label: '工会印章已刻制', detail: '未确认', nextStep: null }] },
      { unionName: '大众快餐工会', score: 100, passed: 10, scored: 10, failing: [] },
    ],
    { unionName: '青山县餐饮行业工会联合会', exportedAt: new Date('2026-11-25T08:00:00Z'), membershipRateTarget: 80 },
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(OVERVIEW_SHEET)!;
  expect(ws.getRow(2).values).toEqual([undefined, 1, '老街美食城工会', 40, '4/10', '按期换届；工会印章已刻制']);
  expect(ws.getRow(3).values).toEqual([undefined, 2, '大众快餐工会', 100, '10/10', '全部达标']);
  const failing = wb.getWorksheet(FAILING_SHEET)!;
  expect(failing.rowCount).toBe(3);
  expect(failing.getRow(2).values).toEqual([undefined, '老街美食城工会', '按期换届', '任期已于 2026-09-01 届满', '组织换届选举']);
  expect(failing.getRow(3).getCell(4).value).toBe('');
});
