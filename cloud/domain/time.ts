/** Dates as union workers see them: China Standard Time (UTC+8, no daylight saving). */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/**
 * A moment as a worker reads it on the same day, China time: `10:15`; on another day than `now`,
 * with the date: `11月26日 00:05` (a lock's end, in a refusal's message).
 */
export function chinaClock(at: Date, now: Date): string {
  const local = new Date(at.getTime() + 8 * 3600 * 1000).toISOString();
  const time = local.slice(11, 16);
  if (local.slice(0, 10) === chinaDate(now)) return time;
  return `${Number(local.slice(5, 7))}月${Number(local.slice(8, 10))}日 ${time}`;
}

/** The China time of day, `HH:MM`. */
export function chinaTime(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(11, 16);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * `chinaDate` of stored ISO timestamps, remembered per UTC hour (the China date depends only on
 * the UTC date and hour): for exports of many rows, where parsing each date was ≈ 3 % of the CPU.
 */
export function chinaDateOfIso(): (iso: string) => string {
  const byHour = new Map<string, string>();
  return (iso) => {
    if (!ISO_UTC.test(iso)) return chinaDate(new Date(iso));
    const hour = iso.slice(0, 13);
    let day = byHour.get(hour);
    if (day === undefined) {
      day = chinaDate(new Date(iso));
      byHour.set(hour, day);
    }
    return day;
  };
}
