/**
 * The check-in station's rotating code (动态签到码). Each activity has its own random
 * secret; the code for a 15-second time step is an HMAC of (secret, activity, step).
 * The server accepts the current and the previous step only, so a photo of the QR
 * forwarded to someone at home stops working within 15–30 seconds.
 *
 * Two forms of the same code:
 * - the long code in the QR: `A1.<activityId>.<step base36>.<mac>` (names its activity,
 *   96-bit MAC), usually inside a link to the member's check-in page (`…?c=<code>`);
 * - a 6-digit code for typing by hand (HOTP-style truncation of the same HMAC), sent
 *   together with the activity id. Guessing is bounded by the attempt limit.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CHECK_IN_STEP_SECONDS } from '../contract/activity/labels';

const STEP_MS = CHECK_IN_STEP_SECONDS * 1000;
/** How far back an old code is still recognised as "expired" (rather than "invalid"). */
const EXPIRED_LOOKBACK_STEPS = 40;

/** A new per-activity secret (hex; stored with the activity, never returned). */
export function newActivitySecret(): string {
  return randomBytes(32).toString('hex');
}

export function timeStep(at: Date): number {
  return Math.floor(at.getTime() / STEP_MS);
}

/**
 * Every member at the door sends the code of the same one or two steps: each MAC is computed once
 * and kept (a bounded memo; ≈ 4 % of a check-in's CPU in the door-rush benchmark otherwise).
 */
const memo = new Map<string, Buffer>();
const MEMO_MAX = 4096;

function mac(secret: string, activityId: string, step: number): Buffer {
  const key = `${secret}:${activityId}:${step}`;
  let h = memo.get(key);
  if (!h) {
    h = createHmac('sha256', Buffer.from(secret, 'hex')).update(`checkin:${activityId}:${step}`).digest();
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, h);
  }
  return h;
}

function longMac(secret: string, activityId: string, step: number): string {
  return mac(secret, activityId, step).subarray(0, 12).toString('base64url');
}

/** RFC 4226 dynamic truncation to 6 digits. */
function digits(secret: string, activityId: string, step: number): string {
  const h = mac(secret, activityId, step);
  const offset = h[h.length - 1] & 0x0f;
  const n = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

export interface StationCode {
  code: string;
  manualCode: string;
  step: number;
  /** The code is accepted until the end of the next step. */
  expiresAt: Date;
  /** The next code starts here. */
  refreshAt: Date;
}

export function stationCode(secret: string, activityId: string, now: Date): StationCode {
  const step = timeStep(now);
  return {
    code: `A1.${activityId}.${step.toString(36)}.${longMac(secret, activityId, step)}`,
    manualCode: digits(secret, activityId, step),
    step,
    expiresAt: new Date((step + 2) * STEP_MS),
    refreshAt: new Date((step + 1) * STEP_MS),
  };
}

export type ParsedCode =
  | { kind: 'long'; activityId: string; step: number; mac: string }
  | { kind: 'manual'; digits: string };

const LONG = /^A1\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})$/;

/**
 * Reads what the member scanned or typed: the long code, a link carrying it as `c=`,
 * or 6 digits (spaces allowed). Anything else is null.
 */
export function parseCheckInCode(raw: string): ParsedCode | null {
  let text = raw.trim();
  const inLink = /[?&]c=([^&#\s]+)/.exec(text);
  if (inLink) {
    try {
      text = decodeURIComponent(inLink[1]);
    } catch {
      return null;
    }
  }
  const long = LONG.exec(text);
  if (long) {
    const step = parseInt(long[2], 36);
    if (!Number.isSafeInteger(step)) return null;
    return { kind: 'long', activityId: long[1], step, mac: long[3] };
  }
  const compact = text.replace(/[\s-]/g, '');
  if (/^\d{6}$/.test(compact)) return { kind: 'manual', digits: compact };
  return null;
}

export type CodeVerdict = 'ok' | 'expired' | 'invalid';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a parsed code against the activity's secret at `at`: `ok` for the current or
 * the previous step, `expired` for a genuine older code, `invalid` for anything else
 * (forged, another activity's, or from the future).
 */
export function verifyCheckInCode(secret: string, activityId: string, code: ParsedCode, at: Date): CodeVerdict {
  const now = timeStep(at);
  if (code.kind === 'long') {
    if (code.activityId !== activityId || code.step > now) return 'invalid';
    if (!same(code.mac, longMac(secret, activityId, code.step))) return 'invalid';
    return code.step >= now - 1 ? 'ok' : 'expired';
  }
  for (let step = now; step >= now - EXPIRED_LOOKBACK_STEPS; step--) {
    if (same(code.digits, digits(secret, activityId, step))) return step >= now - 1 ? 'ok' : 'expired';
  }
  return 'invalid';
}
