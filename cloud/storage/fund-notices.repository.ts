/**
 * Fund notices as stored (经费公示): the published versions (append-only, sealed with their
 * hash), who opened them, members' questions and the union's answers. What a notice is built
 * from is read in fund.repository.ts (`readNoticeLedger`); the domain composes it.
 */
import { toFen } from '../domain/money';
import type { FundAnswersTable, FundNoticesTable, FundQuestionsTable, Q } from './schema';

/** A published notice as it is sealed: its content (canonical JSON) and hash. */
export type NoticeRow = Pick<FundNoticesTable, 'id' | 'union_id' | 'period_key' | 'version' | 'hash' | 'content' | 'published_at'>;

const NOTICE_COLUMNS = ['id', 'union_id', 'period_key', 'version', 'hash', 'content', 'published_at'] as const;

export async function findNotice(db: Q, noticeId: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('fund_notices').select(NOTICE_COLUMNS).where('id', '=', noticeId).executeTakeFirst();
}

/** The newest version published for a union's period. */
export async function latestNotice(db: Q, unionId: string, periodKey: string): Promise<NoticeRow | undefined> {
  return db.selectFrom('fund_notices').select(NOTICE_COLUMNS).where('union_id', '=', unionId).where('period_key', '=', periodKey).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export async function insertNotice(db: Q, row: FundNoticesTable): Promise<void> {
  await db.insertInto('fund_notices').values(row).execute();
}

/** Every version a union published, newest version first (for the period strip). */
export async function noticeVersionsOf(db: Q, unionId: string): Promise<{ id: string; period_key: string; version: number; published_at: string }[]> {
  return db.selectFrom('fund_notices').select(['id', 'period_key', 'version', 'published_at']).where('union_id', '=', unionId).orderBy('version', 'desc').execute();
}

/** The versions of one period, oldest first. */
export async function periodVersions(db: Q, unionId: string, periodKey: string): Promise<{ id: string; version: number; published_at: string }[]> {
  return db.selectFrom('fund_notices').select(['id', 'version', 'published_at']).where('union_id', '=', unionId).where('period_key', '=', periodKey).orderBy('version').execute();
}

/** A union's notices with their headline figures, newest period and version first. */
export async function noticeList(db: Q, unionId: string) {
  return db
    .selectFrom('fund_notices')
    .select(['id', 'period_key', 'version', 'published_at', 'income_fen', 'expense_fen', 'closing_fen'])
    .where('union_id', '=', unionId)
    .orderBy('period_key', 'desc')
    .orderBy('version', 'desc')
    .execute();
}

/** The notices the base unions `unionIds` published for periods of `year`, with their content (the industry overview). */
export async function noticesOfYear(db: Q, unionIds: readonly string[], year: number) {
  if (unionIds.length === 0) return [];
  return db
    .selectFrom('fund_notices')
    .select(['id', 'union_id', 'period_key', 'version', 'content', 'published_at', 'income_fen', 'expense_fen', 'closing_fen'])
    .where('union_id', 'in', unionIds)
    .where('period_key', 'like', `${year}-%`)
    .execute();
}

/** For staff: per notice, how many people opened it, and its questions with whether each has an answer. */
export async function noticeActivity(db: Q, noticeIds: readonly string[]) {
  const ids = noticeIds.length ? [...noticeIds] : ['-'];
  const [views, questions] = await Promise.all([
    db.selectFrom('fund_notice_views').select(['notice_id', (eb) => eb.fn.countAll().as('n')]).where('notice_id', 'in', ids).groupBy('notice_id').execute(),
    db
      .selectFrom('fund_questions as q')
      .leftJoin('fund_answers as ans', 'ans.question_id', 'q.id')
      .select(['q.notice_id', 'q.id', 'ans.id as answerId'])
      .where('q.notice_id', 'in', ids)
      .execute(),
  ]);
  return { views: views.map((v) => ({ noticeId: v.notice_id, opened: toFen(v.n) })), questions };
}

export async function hasOpened(db: Q, noticeId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('fund_notice_views').select('notice_id').where('notice_id', '=', noticeId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

/** Records the first time a user opened a notice; false when it was already recorded. */
export async function recordOpened(db: Q, noticeId: string, userId: string, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('fund_notice_views')
    .values({ notice_id: noticeId, user_id: userId, first_opened_at: at })
    .onConflict((oc) => oc.columns(['notice_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function openedCount(db: Q, noticeId: string): Promise<number> {
  const row = await db.selectFrom('fund_notice_views').select((eb) => eb.fn.countAll().as('n')).where('notice_id', '=', noticeId).executeTakeFirst();
  return toFen(row?.n);
}

/** A notice's questions (oldest first) and their answers. */
export async function questionThread(db: Q, noticeId: string): Promise<{ questions: FundQuestionsTable[]; answers: FundAnswersTable[] }> {
  const questions = await db.selectFrom('fund_questions').selectAll().where('notice_id', '=', noticeId).orderBy('asked_at').execute();
  const ids = questions.map((q) => q.id);
  const answers = ids.length ? await db.selectFrom('fund_answers').selectAll().where('question_id', 'in', ids).orderBy('answered_at').execute() : [];
  return { questions, answers };
}

/** How many of the user's questions on the notice wait for an answer. */
export async function openQuestionCount(db: Q, noticeId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('fund_questions as q')
    .leftJoin('fund_answers as a', 'a.question_id', 'q.id')
    .select((eb) => eb.fn.count('q.id').distinct().as('n'))
    .where('q.notice_id', '=', noticeId)
    .where('q.asked_by', '=', userId)
    .where('a.id', 'is', null)
    .executeTakeFirst();
  return toFen(row?.n);
}

export async function insertQuestion(db: Q, row: FundQuestionsTable): Promise<void> {
  await db.insertInto('fund_questions').values(row).execute();
}

export async function findQuestion(db: Q, questionId: string): Promise<Pick<FundQuestionsTable, 'id' | 'notice_id' | 'union_id' | 'asked_by'> | undefined> {
  return db.selectFrom('fund_questions').select(['id', 'notice_id', 'union_id', 'asked_by']).where('id', '=', questionId).executeTakeFirst();
}

export async function insertAnswer(db: Q, row: FundAnswersTable): Promise<void> {
  await db.insertInto('fund_answers').values(row).execute();
}
