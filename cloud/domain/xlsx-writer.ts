/**
 * A small `.xlsx` writer for one plain table (header row + text/number cells), written
 * straight as SpreadsheetML in a ZIP container. Why not exceljs here: exceljs builds a cell
 * object model and needs ≈ 28 s of CPU for 100,000 roster rows on this machine (its streaming
 * writer ≈ 9 s); this writer needs ≈ 1–2 s (bench/roster.ts). Reading stays with exceljs
 * (files come from Excel/WPS in every shape; ours are plain).
 *
 * What it writes: one worksheet, the header row bold and frozen, column widths, columns
 * marked as text (`@`) where asked, inline strings (no shared-string table), document
 * creator and creation time.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { deflateRaw } from 'node:zlib';

const deflate = promisify(deflateRaw);

export interface XlsxColumn {
  header: string;
  width: number;
  /** Format the column as text (`@`): Excel keeps 18-digit numbers typed into it intact. */
  text?: boolean;
}

export interface XlsxTable {
  sheetName: string;
  columns: readonly XlsxColumn[];
  /** Cell values in column order; `null`/`''` leaves the cell empty. */
  rows: Iterable<readonly (string | number | null)[]>;
  creator: string;
  created: Date;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  // Characters XML 1.0 cannot carry at all are dropped (a stray control character in a name).
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** `A`, `B`, … `Z`, `AA`, … */
function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Style ids in styles.xml below. */
const STYLE_DEFAULT = 0;
const STYLE_HEADER = 1;
const STYLE_TEXT = 2;

const STYLES = `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

function sheetXmlParts(table: XlsxTable): { head: string; rows: Iterable<string>; tail: string } {
  const letters = table.columns.map((_, i) => columnLetter(i));
  const styleOf = table.columns.map((c) => (c.text ? STYLE_TEXT : STYLE_DEFAULT));
  const cols = table.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.text ? ` style="${STYLE_TEXT}"` : ''}/>`)
    .join('');
  const header = `<row r="1">${table.columns.map((c, i) => `<c r="${letters[i]}1" s="${STYLE_HEADER}" t="inlineStr"><is><t>${escapeXml(c.header)}</t></is></c>`).join('')}</row>`;
  const head =
    `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${header}`;
  function* rows(): Iterable<string> {
    let r = 1;
    for (const values of table.rows) {
      r++;
      let s = `<row r="${r}">`;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === '') continue;
        const style = styleOf[i] ? ` s="${styleOf[i]}"` : '';
        // The cell reference is optional in SpreadsheetML but skipping it would shift later cells after an empty one: keep it.
        s += typeof v === 'number' ? `<c r="${letters[i]}${r}"${style}><v>${v}</v></c>` : `<c r="${letters[i]}${r}"${style} t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
      }
      yield `${s}</row>`;
    }
  }
  return { head, rows: rows(), tail: '</sheetData></worksheet>' };
}

/** Writes the workbook. Deflating runs on libuv's thread pool; building the XML is quick, synchronous work. */
export async function writeXlsx(table: XlsxTable): Promise<Buffer> {
  const sheetName = escapeXml(table.sheetName);
  const sheet = sheetXmlParts(table);
  // The sheet XML in ~1 MB pieces, joined once (100,000 roster rows ≈ 40 MB of XML).
  const pieces: Buffer[] = [Buffer.from(sheet.head, 'utf8')];
  let batch: string[] = [];
  let size = 0;
  for (const row of sheet.rows) {
    batch.push(row);
    size += row.length;
    if (size > 1 << 19) {
      pieces.push(Buffer.from(batch.join(''), 'utf8'));
      batch = [];
      size = 0;
    }
  }
  pieces.push(Buffer.from(batch.join('') + sheet.tail, 'utf8'));
  const created = table.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const files: [string, Buffer][] = [
    [
      '[Content_Types].xml',
      Buffer.from(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
      ),
    ],
    [
      '_rels/.rels',
      Buffer.from(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`,
      ),
    ],
    [
      'docProps/core.xml',
      Buffer.from(
        `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(table.creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
      ),
    ],
    [
      'docProps/app.xml',
      Buffer.from(`${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>`),
    ],
    [
      'xl/workbook.xml',
      Buffer.from(
        `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      Buffer.from(
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
      ),
    ],
    ['xl/styles.xml', Buffer.from(STYLES)],
    ['xl/worksheets/sheet1.xml', Buffer.concat(pieces)],
  ];
  return zip(files, table.created);
}

// ---------------------------------------------------------------- ZIP (deflate, no ZIP64: < 4 GB)

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** zlib's CRC-32 (Node ≥ 20.15), else the table. */
const nativeCrc32 = (zlib as { crc32?: (data: Buffer) => number }).crc32;

function crc32(buf: Buffer): number {
  if (nativeCrc32) return nativeCrc32(buf) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (local fields taken as UTC: ZIP has no zone). */
function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Level 3: about 10 % larger than the default 6 at a third of the time for roster XML. */
async function zip(files: [string, Buffer][], at: Date): Promise<Buffer> {
  const { date, time } = dosDateTime(at);
  const compressed = await Promise.all(files.map(([, data]) => deflate(data, { level: 3 })));
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  files.forEach(([name, data], i) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const body = compressed[i];
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(time, 12);
    entry.writeUInt16LE(date, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    out.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  });
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}
