/**
 * A small `.xlsx` writer for one plain table (header row + text/number cells), written
 * straight as SpreadsheetML in a ZIP container. Why not exceljs here: exceljs builds a cell
 * object model and needs ≈ 28 s of CPU for 100,000 roster rows on this machine (its streaming
 * writer ≈ 9 s); this writer needs ≈ 1.4–1.8 s, deflate threads included (`npm run
 * bench:roster -- --only export --pieces`, docs/quality.md section 9). Reading stays with
 * exceljs (files come from Excel/WPS in every shape; ours are plain).
 *
 * What it writes: one worksheet, the header row bold and frozen, column widths, columns
 * marked as text (`@`) where asked, document creator and creation time. Text cells are inline
 * strings, except in columns marked `repeated` (few distinct values: unit, status, union…),
 * whose values go once into the shared-string table and are referenced by number: for the
 * roster that is 10 of 17 cells per row, and the sheet XML shrinks by 27 %.
 *
 * The sheet is built in ~1 MB pieces; each piece is deflated on libuv's thread pool as soon as it
 * is built (in parallel with building the next), as its own raw-deflate stream ended by a sync
 * flush, so the pieces simply concatenate (as pigz does); the CRC-32 runs on along the pieces.
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
  /** Few distinct values: text cells go through the shared-string table (smaller file, less to deflate). */
  repeated?: boolean;
}

export type XlsxRow = readonly (string | number | null)[];

export interface XlsxTable {
  sheetName: string;
  columns: readonly XlsxColumn[];
  /**
   * Cell values in column order; `null`/`''` leaves the cell empty. Or batches of rows produced
   * while the file is written (the roster's rows as their numbers are decrypted).
   */
  rows: Iterable<XlsxRow> | AsyncIterable<Iterable<XlsxRow>>;
  creator: string;
  created: Date;
  /**
   * More document properties (文件属性, docProps/core.xml), shown by Excel and WPS under 文件 → 属性:
   * where a file came from without adding a sheet or a column to it.
   */
  properties?: {
    title?: string;
    subject?: string;
    description?: string;
    keywords?: string;
    category?: string;
    lastModifiedBy?: string;
  };
}

/** The optional core properties, in their namespaces. */
const CORE_PROPERTY_TAGS = {
  title: 'dc:title',
  subject: 'dc:subject',
  description: 'dc:description',
  keywords: 'cp:keywords',
  category: 'cp:category',
  lastModifiedBy: 'cp:lastModifiedBy',
} as const;

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

/** Style ids in styles.xml below (0: the default, no `s` attribute). */
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

/** Bytes of sheet XML per piece: big enough for deflate, small enough to overlap building and deflating. */
const PIECE_BYTES = 1 << 20;

/** Level 3: about 10 % larger than the default 6 at a third of the time for roster XML. */
const DEFLATE_LEVEL = 3;

/** Text values of `repeated` columns, each stored once (`xl/sharedStrings.xml`). */
class SharedStrings {
  private readonly indexOf = new Map<string, number>();
  readonly values: string[] = [];
  /** References written (the table's `count`). */
  count = 0;

  index(value: string): number {
    this.count++;
    let i = this.indexOf.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.indexOf.set(value, i);
    }
    return i;
  }

  xml(): string {
    let s = `${XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.values.length}">`;
    for (const v of this.values) s += `<si><t>${escapeXml(v)}</t></si>`;
    return `${s}</sst>`;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the workbook. Building the XML is synchronous work on this thread; between pieces it
 * lets the event loop run (the deflate callbacks, other requests), and the rows iterable may be
 * lazy (the roster decrypts each row as it is written, so plaintext is not held for all rows).
 */
function coreProperties(properties: XlsxTable['properties']): string {
  if (!properties) return '';
  return (Object.keys(CORE_PROPERTY_TAGS) as (keyof typeof CORE_PROPERTY_TAGS)[])
    .filter((k) => properties[k])
    .map((k) => `<${CORE_PROPERTY_TAGS[k]}>${escapeXml(properties[k]!)}</${CORE_PROPERTY_TAGS[k]}>`)
    .join('');
}

export async function writeXlsx(table: XlsxTable): Promise<Buffer> {
  const sheetName = escapeXml(table.sheetName);
  const columns = table.columns;
  const letters = columns.map((_, i) => columnLetter(i));
  const styleAttr = columns.map((c) => (c.text ? ` s="${STYLE_TEXT}"` : ''));
  const repeated = columns.map((c) => c.repeated === true);
  // What follows `<c r="B7"` for each kind of value, per column.
  const numberOpen = styleAttr.map((s) => `${s}><v>`);
  const sharedOpen = styleAttr.map((s) => `${s} t="s"><v>`);
  const inlineOpen = styleAttr.map((s) => `${s} t="inlineStr"><is><t>`);
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.text ? ` style="${STYLE_TEXT}"` : ''}/>`).join('');
  const header = `<row r="1">${columns.map((c, i) => `<c r="${letters[i]}1" s="${STYLE_HEADER}" t="inlineStr"><is><t>${escapeXml(c.header)}</t></is></c>`).join('')}</row>`;
  const xml =
    `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${header}`;

  const sheet = new PieceDeflater();
  const shared = new SharedStrings();
  // Rows are encoded one by one into the piece's buffer (no long string to flatten and copy again).
  let piece = Buffer.allocUnsafe(PIECE_BYTES);
  let at = piece.write(xml, 0, 'utf8');
  let r = 1;
  const batches: AsyncIterable<Iterable<XlsxRow>> | Iterable<Iterable<XlsxRow>> = Symbol.asyncIterator in table.rows ? table.rows : [table.rows];
  for await (const batch of batches) {
    for (const values of batch) {
      r++;
      let row = `<row r="${r}">`;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null || v === '') continue;
        // The cell reference is optional in SpreadsheetML but skipping it would shift later cells after an empty one: keep it.
        if (typeof v === 'number') row += `<c r="${letters[i]}${r}"${numberOpen[i]}${v}</v></c>`;
        else if (repeated[i]) row += `<c r="${letters[i]}${r}"${sharedOpen[i]}${shared.index(v)}</v></c>`;
        else row += `<c r="${letters[i]}${r}"${inlineOpen[i]}${escapeXml(v)}</t></is></c>`;
      }
      row += '</row>';
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      if (at + row.length * 3 > piece.length) {
        sheet.push(piece.subarray(0, at));
        piece = Buffer.allocUnsafe(Math.max(PIECE_BYTES, row.length * 3));
        at = 0;
        await nextTurn();
      }
      at += piece.write(row, at, 'utf8');
    }
  }
  const tail = '</sheetData></worksheet>';
  if (at + tail.length > piece.length) {
    sheet.push(piece.subarray(0, at));
    piece = Buffer.allocUnsafe(tail.length);
    at = 0;
  }
  at += piece.write(tail, at, 'latin1');
  sheet.push(piece.subarray(0, at));

  const created = table.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const withShared = shared.values.length > 0;
  const files: [string, Buffer][] = [
    [
      '[Content_Types].xml',
      Buffer.from(
        `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${withShared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
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
        `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(table.creator)}</dc:creator>${coreProperties(table.properties)}<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
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
        `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${withShared ? '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ''}</Relationships>`,
      ),
    ],
    ['xl/styles.xml', Buffer.from(STYLES)],
    ...(withShared ? [['xl/sharedStrings.xml', Buffer.from(shared.xml(), 'utf8')] as [string, Buffer]] : []),
  ];
  const entries = await Promise.all(
    files.map(async ([name, data]) => {
      const one = new PieceDeflater();
      one.push(data);
      return { name, ...(await one.end()) };
    }),
  );
  entries.push({ name: 'xl/worksheets/sheet1.xml', ...(await sheet.end()) });
  return zip(entries, table.created);
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
const nativeCrc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** The CRC-32 of `buf` continued from `crc` (the CRC-32 of the bytes before it; 0 at the start). */
function crc32(buf: Buffer, crc: number): number {
  if (nativeCrc32) return nativeCrc32(buf, crc) >>> 0;
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An empty final block with fixed codes (BFINAL 1, BTYPE 01, end-of-block): ends a stream of sync-flushed pieces. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * One ZIP entry's data, deflated piece by piece on the thread pool while the caller builds the
 * next piece. Each piece is its own raw-deflate stream ended by a sync flush (byte-aligned, not
 * final), so the pieces concatenate into one valid stream; `end` adds the final block. A piece
 * starts without the previous piece's 32 KB window: on ~1 MB pieces that costs < 1 % of size.
 */
class PieceDeflater {
  private crc = 0;
  private size = 0;
  private readonly parts: Promise<Buffer>[] = [];

  push(data: Buffer): void {
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    // An output buffer as big as the input: the whole piece deflates in one thread-pool job (the
    // default 16 KB would need a turn of this thread's event loop per 16 KB of output).
    this.parts.push(deflate(data, { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: Math.max(zlib.constants.Z_MIN_CHUNK, data.length + 1024) }));
  }

  async end(): Promise<{ crc: number; size: number; body: Buffer }> {
    const parts = await Promise.all(this.parts);
    return { crc: this.crc, size: this.size, body: Buffer.concat([...parts, FINAL_BLOCK]) };
  }
}

/** MS-DOS date and time (local fields taken as UTC: ZIP has no zone). */
function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((Math.max(1980, d.getUTCFullYear()) - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

function zip(entries: { name: string; crc: number; size: number; body: Buffer }[], at: Date): Buffer {
  const { date, time } = dosDateTime(at);
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, crc, size, body } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
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
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    out.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}
