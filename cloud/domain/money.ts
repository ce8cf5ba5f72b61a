/**
 * Money (金额) is integer fen (分) everywhere: in the database, on the wire, in sums.
 * Yuan strings are only for people (input and display), converted here without floats.
 */

/** Parses "1,234.5" / "1234.56" / "12" (yuan) into fen; null when it is not a plain amount. */
export function parseYuan(text: string): number | null {
  const s = text.trim().replace(/[,，\s]/g, '').replace(/^¥|元$/g, '');
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** 123456 → "1,234.56" (negative with a leading minus). */
export function formatFen(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/** 123456 → "¥1,234.56". */
export function formatYuan(fen: number): string {
  return fen < 0 ? `-¥${formatFen(-fen)}` : `¥${formatFen(fen)}`;
}

/**
 * A sum or count as the database returns it: SQLite gives a number, PostgreSQL's `sum()`
 * and `count()` of integers give `bigint`, which `pg` returns as a string. Exact below 2^53
 * (90 万亿元); beyond that it refuses rather than round.
 */
export function toFen(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' ? Number(value) : (value as number);
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`not an exact integer amount: ${String(value)}`);
  return n;
}
