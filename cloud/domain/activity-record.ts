/**
 * The activity record (活动记录) laid out for people: the summary rows and the
 * participant table, as the `.xlsx` export and the printable page show them. Pure: the
 * record comes in, text cells come out (times in China Standard Time).
 */
import type { ActivityRecord } from '../contract/activity/record';
import { ACTIVITY_TYPE_LABELS, AUDIENCE_LABELS, CHECK_IN_METHOD_LABELS, SIGN_UP_STATUS_LABELS } from '../contract/activity/labels';

/** `2026-05-01 17:00` in UTC+8 (no daylight saving in China). */
export function chinaDateTime(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface RecordSheets {
  title: string;
  summary: [string, string][];
  people: { header: string[]; rows: (string | number)[][] };
}

export function recordSheets(r: ActivityRecord): RecordSheets {
  const c = r.counts;
  const rate = c.signedUp > 0 ? `${Math.round(((c.checkedIn - c.walkIns) / c.signedUp) * 100)}%` : '—';
  return {
    title: `活动记录：${r.title}`,
    summary: [
      ['活动名称', r.title],
      ['活动类型', ACTIVITY_TYPE_LABELS[r.type]],
      ['主办单位', r.organizer],
      ['所属工会', r.unionName],
      ['活动时间', `${chinaDateTime(r.startAt)} 至 ${chinaDateTime(r.endAt)}`],
      ['活动地点', r.place],
      ['面向对象', AUDIENCE_LABELS[r.audience]],
      ['名额', r.quota === null ? '不限' : String(r.quota)],
      ['报名人数', String(c.signedUp)],
      ['候补人数', String(c.waitlisted)],
      ['签到人数', `${c.checkedIn}（其中现场签到 ${c.walkIns}）`],
      ['报名签到率', rate],
      ['活动内容', r.content],
      ['活动成效', r.outcome],
      ['表彰奖励', r.awards],
      ['填写人', r.filledBy ? `${r.filledBy}（${chinaDateTime(r.filledAt)}）` : '未填写'],
      ['生成时间', chinaDateTime(r.generatedAt)],
    ],
    people: {
      header: ['序号', '姓名', '会员编号', '工作单位', '报名状态', '报名时间', '签到时间', '签到方式', '备注'],
      rows: r.participants.map((p, i) => [
        i + 1,
        p.name,
        p.memberNo,
        p.unitName,
        p.signUp ? SIGN_UP_STATUS_LABELS[p.signUp] : '未报名',
        chinaDateTime(p.signedUpAt),
        p.checkedInAt ? chinaDateTime(p.checkedInAt) : '未签到',
        p.method ? CHECK_IN_METHOD_LABELS[p.method] : '',
        p.walkIn ? '现场签到' : '',
      ]),
    },
  };
}

/** `活动记录-<title>-<date>.xlsx`, safe as a file name. */
export function recordFilename(r: Pick<ActivityRecord, 'title' | 'startAt'>): string {
  const title = r.title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40);
  return `活动记录-${title}-${chinaDateTime(r.startAt).slice(0, 10)}.xlsx`;
}
