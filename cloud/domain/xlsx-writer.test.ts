import { crc32 as zlibCrc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { writeXlsx, type XlsxTable } from './xlsx-writer';

/** The entries of a ZIP file from its central directory: name, stored CRC-32 and size, inflated data. */
function unzip(file: Buffer): Map<string, { crc: number; size: number; data: Buffer }> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const out = new Map<string, { crc: number; size: number; data: Buffer }>();
  for (let k = 0; k < count; k++) {
    const crc = file.readUInt32LE(at + 16);
    const compressed = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const local = file.readUInt32LE(at + 42);
    const bodyAt = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    out.set(name, { crc, size, data: inflateRawSync(file.subarray(bodyAt, bodyAt + compressed)) });
    at += 46 + nameLength;
  }
  return out;
}

async function read(file: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  return wb.worksheets[0];
}

const columns = [
  { header: '序号', width: 6 },
  { header: '姓名', width: 12 },
  { header: '身份证号', width: 22, text: true },
  { header: '单位', width: 28, repeated: true },
  { header: '状态', width: 10, repeated: true },
];

function table(rows: (string | number | null)[][]): XlsxTable {
  return { sheetName: '会员名册', columns, rows, creator: '测试工会', created: new Date('2026-11-25T08:00:00Z') };
}

describe('xlsx writer', () => {
  it('writes cells that exceljs reads back as written: inline and shared strings, numbers, empty cells, XML characters', async () => {
    const rows = [
      [1, '张三', '330106197001010011', '老街小吃店', '在册'],
      [2, 'A & B <c> "d"', '33010619700101002X', '老街小吃店', '已退会'],
      [3, null, '', 'R&D <部>', '在册'],
      [4, '控制\u0001字符', '330106197001010038', null, '在册'],
    ];
    const ws = await read(await writeXlsx(table(rows)));
    expect(ws.name).toBe('会员名册');
    expect(ws.getRow(1).values).toEqual([undefined, '序号', '姓名', '身份证号', '单位', '状态']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, 1, '张三', '330106197001010011', '老街小吃店', '在册']);
    expect(ws.getRow(3).values).toEqual([undefined, 2, 'A & B <c> "d"', '33010619700101002X', '老街小吃店', '已退会']);
    // Empty cells stay empty and do not shift the cells after them.
    expect(ws.getRow(4).getCell(2).value).toBeNull();
    expect(ws.getRow(4).getCell(3).value).toBeNull();
    expect(ws.getRow(4).getCell(4).value).toBe('R&D <部>');
    expect(ws.getRow(4).getCell(5).value).toBe('在册');
    expect(ws.getRow(5).getCell(2).value).toBe('控制字符');
    expect(ws.getRow(5).getCell(4).value).toBeNull();
    expect(ws.getRow(2).getCell(3).numFmt).toBe('@');
    expect(ws.getColumn(4).width).toBe(28);
    expect(ws.rowCount).toBe(5);
  });

  it('writes a sheet of many pieces (each deflated on its own) as one valid entry with the right CRC-32 and size', async () => {
    const units = ['老街小吃店', '福满楼酒家', '张记面馆'];
    const rows = Array.from({ length: 30_000 }, (_, i) => [i + 1, `会员${i}`, `3301061970010${String(i).padStart(5, '0')}`, units[i % 3], i % 7 ? '在册' : '已退会']);
    const file = await writeXlsx(table(rows));
    const entries = unzip(file);
    const sheet = entries.get('xl/worksheets/sheet1.xml')!;
    expect(sheet.data.length).toBeGreaterThan(3 << 20); // several 1 MB pieces
    for (const [, e] of entries) {
      expect(e.data.length).toBe(e.size);
      expect(zlibCrc32(e.data) >>> 0).toBe(e.crc);
    }
    // The repeated columns' 5 distinct values are stored once.
    expect(entries.get('xl/sharedStrings.xml')!.data.toString('utf8')).toContain('count="60000" uniqueCount="5"');
    const ws = await read(file);
    expect(ws.rowCount).toBe(30_001);
    for (const i of [0, 1, 9_999, 15_000, 29_999]) {
      expect(ws.getRow(i + 2).values).toEqual([undefined, ...rows[i]]);
    }
  });
});
