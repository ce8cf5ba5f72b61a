/**
 * The notification sender (消息发送), inside the host: no extra service, off the request path.
 *
 * Every `tickMs` (default 5 s) each instance:
 * 1. schedules what is due by time — activity reminders (2 h before the start, or at publishing;
 *   cloud/domain/notify.ts) and the staff digest of waiting applications (daily from 09:00 China
 *   time) — into the message centre and the outbox, once, however many instances look
 *   (`notify_schedule` keys and the unique (event, person) of the messages);
 * 2. drains the outbox: takes batches of due WeChat deliveries under a lease (PostgreSQL:
 *   `FOR UPDATE SKIP LOCKED`, so instances take disjoint batches) and sends each with
 *   `subscribeMessage.send`, a few at a time, each bounded by the WeChat client's timeout.
 *
 * WeChat's answers: 0 → `sent` (one acceptance used); 43101 (no acceptance left) → `skipped` and
 * the person's acceptances of that template set to 0; 40001/40014/42001 → the token is refreshed
 * and the send retried once (wechat.ts); other refusals about the message itself (40003 openid,
 * 40037 template, 47003 values, 41030 page) → `skipped`; the network, a timeout, -1 and anything
 * else → retried after 30 s, 2 min, 8 min, 32 min, then `failed`.
 *
 * The one window: WeChat has no idempotency key. An instance that dies after WeChat took a message
 * and before its row says `sent` leaves the row `sending`; when its lease lapses (`leaseMs`, default
 * 2 min) another instance (or the same one restarted) sends it again. So a message is never lost and
 * is sent twice only in that window (tests/integration/notify-processes.test.ts).
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { AppError } from '../contract/errors';
import { TEMPLATE_KEYS, TEMPLATE_OF_KIND, type LogicalField, type NotifyKind, type TemplateKey } from '../contract/notify/notify.labels';
import { MAX_SEND_ATTEMPTS, REMINDER_LEAD_MS, digestDay, messages, reminderDueAt, retryDelayMs, wechatData, wechatWanted, type TemplateConfig } from '../domain/notify';
import { appendAudit } from '../storage/audit.repository';
import {
  activitiesToRemind,
  claimDueDeliveries,
  claimScheduleKey,
  enqueueNotification,
  markDeliveryRetry,
  markDeliverySent,
  markDeliverySkipped,
  pendingApplicationsByUnion,
  readTemplates,
  roleHolders,
  saveTemplate,
  signedUpUsers,
  type DeliveryRow,
  type TemplateRow,
} from '../storage/notifications.repository';
import { readPreferences, readSubscriptions } from '../storage/notifications.repository';
import type { Db } from '../storage/schema';
import { runTransaction } from '../storage/transaction';
import type { Logger } from './app';
import type { WechatClient } from './wechat';

export interface NotifyConfig {
  /** How often each instance looks (ms). */
  tickMs: number;
  /** Deliveries taken per batch. */
  batch: number;
  /** Sends in flight at once per instance. */
  concurrency: number;
  /** How long a taken delivery is held before another instance may take it (ms). */
  leaseMs: number;
  /** The deployment's templates from `UNION_WECHAT_TEMPLATES` (saved into `notify_templates` at start), or null. */
  templates: TemplateRow[] | null;
}

/** Reads the sender's settings (docs/notifications.md, "Settings"). */
export function notifyConfigFromEnv(env: Record<string, string | undefined>): NotifyConfig {
  const int = (name: string, dflt: number, min: number, max: number) => {
    const v = env[name] ? Number(env[name]) : dflt;
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name} 应为 ${min}–${max} 的整数：${env[name]}`);
    return v;
  };
  return {
    tickMs: int('UNION_NOTIFY_TICK_MS', 5000, 50, 3_600_000),
    batch: int('UNION_NOTIFY_BATCH', 200, 1, 5000),
    concurrency: int('UNION_NOTIFY_CONCURRENCY', 16, 1, 256),
    leaseMs: int('UNION_NOTIFY_LEASE_MS', 120_000, 200, 3_600_000),
    templates: parseTemplates(env.UNION_WECHAT_TEMPLATES),
  };
}

/**
 * `UNION_WECHAT_TEMPLATES`: JSON (or `@/path/to/file.json`) of
 * `{"review_result": {"templateId": "…", "fields": {"title": "thing1", "result": "phrase2", …}}, …}`.
 */
export function parseTemplates(raw: string | undefined): TemplateRow[] | null {
  if (!raw) return null;
  const text = raw.startsWith('@') ? fs.readFileSync(raw.slice(1), 'utf8') : raw;
  const json = JSON.parse(text) as Record<string, { templateId?: unknown; fields?: unknown }>;
  return Object.entries(json).map(([key, t]) => {
    if (!TEMPLATE_KEYS.includes(key as TemplateKey)) throw new Error(`UNION_WECHAT_TEMPLATES: 未知模板 ${key}（可用：${TEMPLATE_KEYS.join('、')}）`);
    if (typeof t.templateId !== 'string' || !t.templateId || typeof t.fields !== 'object' || !t.fields) throw new Error(`UNION_WECHAT_TEMPLATES: ${key} 须有 templateId 与 fields`);
    return { templateKey: key, templateId: t.templateId, fields: t.fields as Record<string, string> };
  });
}

/** WeChat refusals about the message itself: sending it again would be refused again. */
const PERMANENT = new Set([40003, 40037, 47003, 41030, 43107, 40036]);

export interface SenderFigures {
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

export class NotifySender {
  readonly holder = `inst_${randomBytes(8).toString('hex')}`;
  readonly figures: SenderFigures = { sent: 0, skipped: 0, retried: 0, failed: 0 };
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #digestDone: string | null = null;

  constructor(
    private readonly o: {
      db: Db;
      wechat: WechatClient | null;
      config: NotifyConfig;
      clock: () => Date;
      log: Logger;
    },
  ) {}

  /** Saves the configured templates (if any); then the first tick, then one every `tickMs`. */
  async start(): Promise<void> {
    const at = this.o.clock().toISOString();
    for (const t of this.o.config.templates ?? []) await saveTemplate(this.o.db, t, at);
    this.#timer = setInterval(() => void this.tick(), this.o.config.tickMs);
    this.#timer.unref();
    void this.tick();
  }

  /** No new ticks; waits for the batch in flight (its sends are bounded by the WeChat timeout). */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One round of scheduling and sending; concurrent calls share one. */
  tick(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return (this.#running ??= this.#tick().finally(() => (this.#running = null)));
  }

  async #tick(): Promise<void> {
    try {
      await this.schedule(this.o.clock());
    } catch (err) {
      this.o.log.error('notify schedule failed', { error: String(err) });
    }
    try {
      await this.drain();
    } catch (err) {
      this.o.log.error('notify send failed', { error: String(err) });
    }
  }

  /** Reminders and digests that are due now (idempotent: any instance, any number of times). */
  async schedule(now: Date): Promise<void> {
    const { db } = this.o;
    const nowIso = now.toISOString();
    const horizon = new Date(now.getTime() + REMINDER_LEAD_MS).toISOString();
    for (const a of await activitiesToRemind(db, nowIso, horizon)) {
      const startAt = new Date(a.startAt);
      const due = reminderDueAt(startAt, new Date(a.publishedAt ?? a.startAt));
      if (due && due.getTime() > now.getTime()) continue;
      await runTransaction(db, async (trx) => {
        if (!(await claimScheduleKey(trx, `reminder:${a.id}`, nowIso))) return;
        if (!due) return; // published too late for a reminder: none, and never looked at again
        const to = await signedUpUsers(trx, a.id);
        const n = await enqueueNotification(trx, {
          to,
          eventKey: `activity_reminder:${a.id}`,
          message: messages.activityReminder({ activityId: a.id, title: a.title, startAt, place: a.place }),
          at: now,
          object: { type: 'activity', id: a.id, unionId: a.unionId },
        });
        await appendAudit(trx, { at: nowIso, actorUserId: null, action: 'notify.reminder', objectType: 'activity', objectId: a.id, unionId: a.unionId, detail: { recipients: n } });
      });
    }
    const day = digestDay(now);
    if (day && this.#digestDone !== day) {
      for (const u of await pendingApplicationsByUnion(db)) {
        await runTransaction(db, async (trx) => {
          if (!(await claimScheduleKey(trx, `digest:${u.unionId}:${day}`, nowIso))) return;
          const to = await roleHolders(trx, u.unionId, ['staff', 'chair'], 'staff_digest');
          const n = await enqueueNotification(trx, {
            to,
            eventKey: `applications_waiting:${u.unionId}:${day}`,
            message: messages.applicationsWaiting({ unionId: u.unionId, unionName: u.unionName, count: u.count, at: now }),
            at: now,
            object: { type: 'union', id: u.unionId, unionId: u.unionId },
          });
          await appendAudit(trx, { at: nowIso, actorUserId: null, action: 'notify.digest', objectType: 'union', objectId: u.unionId, unionId: u.unionId, detail: { day, waiting: u.count, recipients: n } });
        });
      }
      this.#digestDone = day;
    }
  }

  /** Sends due deliveries, batch after batch, until none is due (or the sender stops). */
  async drain(): Promise<void> {
    const { db, config } = this.o;
    let templates: Map<string, TemplateConfig> | null = null;
    while (!this.#stopped) {
      const now = this.o.clock();
      const batch = await claimDueDeliveries(db, this.holder, now.toISOString(), new Date(now.getTime() + config.leaseMs).toISOString(), config.batch);
      if (batch.length === 0) return;
      templates ??= new Map((await readTemplates(db)).map((t) => [t.templateKey, { templateId: t.templateId, fields: t.fields as TemplateConfig['fields'] }]));
      const queue = [...batch];
      const worker = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) await this.#deliver(d, templates!);
      };
      await Promise.all(Array.from({ length: Math.min(config.concurrency, batch.length) }, worker));
    }
  }

  async #deliver(d: DeliveryRow, templates: Map<string, TemplateConfig>): Promise<void> {
    const { db } = this.o;
    const kind = d.kind as NotifyKind;
    const templateKey = TEMPLATE_OF_KIND[kind];
    const ref = { id: d.id, userId: d.user_id, templateKey };
    const at = () => this.o.clock().toISOString();
    const skip = async (outcome: string, noAcceptance = false) => {
      this.figures.skipped++;
      await markDeliverySkipped(db, ref, this.holder, outcome, at(), noAcceptance);
    };
    try {
      const template = templates.get(templateKey);
      if (!this.o.wechat || !template) return await skip('no_template');
      if (!d.openid) return await skip('no_wechat');
      if (!wechatWanted(kind, (await readPreferences(db, d.user_id)) as Partial<Record<NotifyKind, boolean>>)) return await skip('off');
      const sub = (await readSubscriptions(db, d.user_id))[templateKey];
      if (!sub || sub.accepted <= 0) return await skip('no_acceptance');
      const payload = JSON.parse(d.payload) as { fields: Partial<Record<LogicalField, string>>; page: string };
      const data = wechatData(template, payload.fields);
      if (!data) return await skip('invalid_value');
      let answer: { errcode: number; errmsg?: string };
      try {
        answer = await this.o.wechat.sendSubscribeMessage({ touser: d.openid, templateId: template.templateId, page: payload.page, data });
      } catch (err) {
        return await this.#retry(d, err instanceof AppError ? err.reason : 'error');
      }
      if (answer.errcode === 0) {
        this.figures.sent++;
        await runTransaction(db, (trx) => markDeliverySent(trx, ref, this.holder, at()));
        return;
      }
      if (answer.errcode === 43101) return await skip('wechat_43101', true);
      if (PERMANENT.has(answer.errcode)) return await skip(`wechat_${answer.errcode}`);
      return await this.#retry(d, `wechat_${answer.errcode}`);
    } catch (err) {
      // The database failed us: the lease lapses and the row is taken again later.
      this.o.log.error('notify delivery failed', { delivery: d.id, error: String(err) });
    }
  }

  async #retry(d: DeliveryRow, outcome: string): Promise<void> {
    const attempts = Number(d.attempts) + 1;
    const now = this.o.clock();
    const retryAt = attempts >= MAX_SEND_ATTEMPTS ? null : new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
    if (retryAt) this.figures.retried++;
    else this.figures.failed++;
    await markDeliveryRetry(this.o.db, d.id, this.holder, outcome, now.toISOString(), retryAt);
  }
}
