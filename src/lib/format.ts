import { formatYuan } from '@cloud/domain/money'

export { formatYuan }

/** An ISO time as people in China read it: "2026-10-10 10:00". */
export function chinaDateTime(iso: string): string {
  const t = new Date(iso)
  if (Number.isNaN(t.getTime())) return ''
  return new Date(t.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ')
}

/** An ISO time's China date: "2026-10-10". */
export function chinaDay(iso: string): string {
  return chinaDateTime(iso).slice(0, 10)
}

/** Today's China date. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** The first 8 characters of a hash, grouped for reading aloud: "3f2a 9c01". */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 4)} ${hash.slice(4, 8)}`
}

/** A file's size for people: "1.5 MB", "700 KB" (at least 1 KB). */
export function fileSizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}
