/**
 * Demo requests (职工诉求演示数据) with fixed ids (demo-request-ids.ts): in bu-cy01 a named pending
 * one, an anonymous overdue one with a photo, an answered one; a closed and rated one in
 * bu-cy02; an overdue one in bu-cy03. Submitted by seeded members (they have no login, so no
 * demo persona owns them).
 */
import { newId } from '../domain/crypto';
import type { FileStore } from '../storage/file-store';
import type { Q, RequestsTable } from '../storage/schema';
import { DEMO_REQUEST_IDS } from './demo-request-ids';
import { demoMemberId } from './membership-demo';

/** The demo photo's key in the file store (a small PNG, written by `putDemoRequestPhoto`). */
export const DEMO_REQUEST_PHOTO_KEY = 'requests/demo/cy01-anon';

/** A small PNG (48×32, grey with red lines), for the demo photo. */
const DEMO_PHOTO_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAQklEQVR42mM4IaA3qBDDsxdvBhUaddCog0YdRHMHjZZDo2lo1EGjDhoth0bLoVEHjTpotBwaLYdG09Cog0YdNKAIAFJSFeImFe3rAAAAAElFTkSuQmCC';

export async function seedRequestDemo(trx: Q, now: Date): Promise<{ requests: number }> {
  const ago = (days: number, hours = 0) => new Date(now.getTime() - (days * 24 + hours) * 3600 * 1000).toISOString();
  const staff = async (username: string) => {
    const row = await trx
      .selectFrom('staff_credentials')
      .innerJoin('users', 'users.id', 'staff_credentials.user_id')
      .select(['users.id', 'users.display_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row;
  };
  const base = (r: Pick<RequestsTable, 'id' | 'union_id' | 'member_id' | 'category' | 'text' | 'submitted_at'> & Partial<RequestsTable>): RequestsTable => ({
    user_id: null,
    anonymous: 0,
    status: 'pending',
    photo_key: null,
    photo_mime: null,
    photo_bytes: null,
    client_request_id: null,
    owner_seen_replies: 0,
    first_reply_at: null,
    closed_at: null,
    closed_by: null,
    rating: null,
    rating_comment: null,
    rated_at: null,
    escalated_to_union_id: null,
    escalated_at: null,
    escalated_by_user_id: null,
    updated_at: r.submitted_at,
    ...r,
  });
  const cy01 = await staff('cy01-staff');
  const cy02 = await staff('cy02-staff');
  const rows: RequestsTable[] = [
    base({
      id: DEMO_REQUEST_IDS.named,
      union_id: 'bu-cy01',
      member_id: demoMemberId('CY01', 1),
      category: 'rest',
      text: '后厨这个月连续上了 12 天班没有轮休，希望工会帮忙和店长反映，安排好每周的休息日。',
      submitted_at: ago(2),
    }),
    base({
      id: DEMO_REQUEST_IDS.anonymous,
      union_id: 'bu-cy01',
      member_id: demoMemberId('CY01', 3),
      category: 'wages',
      text: '上个月的加班费到现在还没有发，问了财务说要等老板签字。照片是排班表，请工会了解一下。',
      anonymous: 1,
      photo_key: DEMO_REQUEST_PHOTO_KEY,
      photo_mime: 'image/png',
      photo_bytes: Buffer.from(DEMO_PHOTO_BASE64, 'base64').length,
      submitted_at: ago(9),
    }),
    base({
      id: DEMO_REQUEST_IDS.replied,
      union_id: 'bu-cy01',
      member_id: demoMemberId('CY01', 2),
      category: 'safety',
      text: '洗碗间地面很滑，上周有同事摔倒了，建议铺防滑垫、配防滑鞋。',
      status: 'replied',
      submitted_at: ago(3),
      first_reply_at: ago(2, 20),
      updated_at: ago(2, 20),
    }),
    base({
      id: DEMO_REQUEST_IDS.closed,
      union_id: 'bu-cy02',
      member_id: demoMemberId('CY02', 1),
      category: 'suggestion',
      text: '建议美食城统一给夜班员工安排一顿工作餐。',
      status: 'closed',
      submitted_at: ago(20),
      first_reply_at: ago(18),
      closed_at: ago(10),
      closed_by: cy02.id,
      rating: 'satisfied',
      rated_at: ago(9),
      updated_at: ago(9),
    }),
    base({
      id: DEMO_REQUEST_IDS.overdue,
      union_id: 'bu-cy03',
      member_id: demoMemberId('CY03', 1),
      category: 'insurance',
      text: '入职三个月了还没有给我交社保，想问问该怎么办。',
      submitted_at: ago(12),
    }),
  ];
  for (const r of rows) await trx.insertInto('requests').values(r).execute();
  const messages = [
    { request_id: DEMO_REQUEST_IDS.replied, author: 'staff' as const, kind: 'reply' as const, by: cy01, body: '收到，已与餐厅负责人沟通，防滑垫本周内采购到位。', at: ago(2, 20) },
    { request_id: DEMO_REQUEST_IDS.closed, author: 'staff' as const, kind: 'reply' as const, by: cy02, body: '已向美食城管理处反映，正在商量具体办法。', at: ago(18) },
    { request_id: DEMO_REQUEST_IDS.closed, author: 'staff' as const, kind: 'close_note' as const, by: cy02, body: '从本月起夜班员工由各店轮流提供工作餐。', at: ago(10) },
  ];
  for (const m of messages) {
    await trx
      .insertInto('request_messages')
      .values({ id: newId('rqm'), request_id: m.request_id, author: m.author, kind: m.kind, author_user_id: m.by.id, author_name: m.by.display_name, body: m.body, created_at: m.at })
      .execute();
  }
  return { requests: rows.length };
}

/** Writes the demo photo's bytes (after the seed's transaction committed). */
export async function putDemoRequestPhoto(files: FileStore): Promise<void> {
  await files.put(DEMO_REQUEST_PHOTO_KEY, Buffer.from(DEMO_PHOTO_BASE64, 'base64'));
}
