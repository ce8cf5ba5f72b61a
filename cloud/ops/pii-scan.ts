/**
 * Personal-data scan (个人信息明文扫描, issue 7 item 9): looks through database files
 * (main file, WAL, free pages), backups and logs for resident ID numbers (18 digits with a
 * valid province code, birth date and check character) and mainland mobile numbers
 * (11 digits, 1[3-9]…) in plain text. Expected result: 0 hits — the host stores them
 * encrypted, with masks and blind indexes only.
 *
 * Two passes: the raw bytes of every file (catches deleted rows and log lines), and for
 * SQLite files every text value read through SQL (catches a value whose neighbouring bytes
 * in the page happen to be digits). A mobile-number-like run inside a longer run of letters
 * and digits (a hex hash, a base64 token) is not counted: real numbers stand apart.
 * Hits are printed masked, never in full.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PROVINCE_CODES, checkCharacter, maskIdNumber } from '../contract/fields/id-number';
import { maskPhone } from '../contract/fields/phone';

export interface PiiHit {
  file: string;
  /** `raw` bytes, or `table.column` for a value read through SQL. */
  where: string;
  kind: 'id_number' | 'phone';
  masked: string;
}

export interface PiiReport {
  files: number;
  bytes: number;
  sqliteValues: number;
  hits: PiiHit[];
}

const ID_CANDIDATE = /(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])/g;
const PHONE_CANDIDATE = /(?<![0-9])1[3-9]\d{9}(?![0-9])/g;
const TOKEN_CHAR = /[0-9A-Za-z_-]/;
/** A phone-like run longer than this (with its letters) is part of a token or hash. */
const MAX_PHONE_RUN = 13;

function validIdNumber(s: string): boolean {
  const v = s.toUpperCase();
  if (!PROVINCE_CODES.has(v.slice(0, 2))) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return checkCharacter(v.slice(0, 17)) === v[17];
}

/** Hits in one piece of text (a file's bytes as latin1, or one value). */
export function findPii(text: string): { kind: PiiHit['kind']; masked: string }[] {
  const out: { kind: PiiHit['kind']; masked: string }[] = [];
  for (const m of text.matchAll(ID_CANDIDATE)) if (validIdNumber(m[0])) out.push({ kind: 'id_number', masked: maskIdNumber(m[0].toUpperCase()) });
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    let a = m.index;
    let b = m.index + m[0].length;
    while (a > 0 && TOKEN_CHAR.test(text[a - 1])) a--;
    while (b < text.length && TOKEN_CHAR.test(text[b])) b++;
    if (b - a > MAX_PHONE_RUN) continue;
    out.push({ kind: 'phone', masked: maskPhone(m[0]) });
  }
  return out;
}

function isSqlite(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    fs.closeSync(fd);
  }
}

function listFiles(p: string): string[] {
  if (!fs.existsSync(p)) return [];
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  if (!st.isDirectory()) return [];
  return fs.readdirSync(p).flatMap((e) => listFiles(path.join(p, e)));
}

/** Scans files and folders (recursively). */
export function scanForPii(paths: string[]): PiiReport {
  const report: PiiReport = { files: 0, bytes: 0, sqliteValues: 0, hits: [] };
  const CHUNK = 8 * 1024 * 1024;
  const OVERLAP = 64;
  for (const file of paths.flatMap(listFiles)) {
    report.files++;
    const size = fs.statSync(file).size;
    report.bytes += size;
    // Raw bytes, in overlapping chunks (a number across a chunk edge is still seen once).
    const fd = fs.openSync(file, 'r');
    try {
      const seen = new Set<string>();
      for (let pos = 0; pos < size; pos += CHUNK) {
        const len = Math.min(CHUNK + OVERLAP, size - pos);
        const buf = Buffer.alloc(len);
        fs.readSync(fd, buf, 0, len, pos);
        const text = buf.toString('latin1');
        for (const h of findPii(text)) {
          const key = `${pos}:${h.kind}:${h.masked}`;
          if (seen.has(key)) continue;
          seen.add(key);
          report.hits.push({ file, where: 'raw', ...h });
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    if (size > 0 && isSqlite(file)) scanSqliteValues(file, report);
  }
  return report;
}

function scanSqliteValues(file: string, report: PiiReport): void {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch {
    return; // a WAL or journal file: its bytes were scanned raw
  }
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      const q = `"${name.replace(/"/g, '""')}"`;
      const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(name) as { name: string }[]).map((c) => c.name);
      for (const row of db.prepare(`SELECT * FROM ${q}`).raw().iterate() as Iterable<unknown[]>) {
        row.forEach((v, i) => {
          if (v === null || typeof v === 'number' || typeof v === 'bigint') return;
          report.sqliteValues++;
          const text = Buffer.isBuffer(v) ? v.toString('latin1') : String(v);
          for (const h of findPii(text)) report.hits.push({ file, where: `${name}.${cols[i]}`, ...h });
        });
      }
    }
  } catch {
    // Not a readable database (e.g. a half-written file): the raw pass covered it.
  } finally {
    db.close();
  }
}

export function formatPiiReport(r: PiiReport): string {
  const head = `PII scan: ${r.files} files, ${(r.bytes / 1024).toFixed(0)} KB raw, ${r.sqliteValues} SQLite values; plaintext hits: ${r.hits.length} (ID numbers ${r.hits.filter((h) => h.kind === 'id_number').length}, mobile numbers ${r.hits.filter((h) => h.kind === 'phone').length})`;
  return [head, ...r.hits.slice(0, 50).map((h) => `  ${h.kind} ${h.masked} in ${h.file} (${h.where})`)].join('\n');
}
