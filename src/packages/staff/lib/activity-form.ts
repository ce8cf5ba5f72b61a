/**
 * The activity form (新建/修改活动): form state as the pickers give it (China dates and
 * times as text), and its conversion to the `activity.create` / `activity.update` input,
 * validated with the same zod schema the host uses, so a field the server would refuse
 * is marked before sending.
 */
import type { ActivityDetail, InputOf } from '@cloud/contract'
import { create, timeProblems } from '@cloud/contract/activity/manage'
import type { ActivityType, Audience } from '@cloud/contract/activity/labels'
import { fromInstant, toInstant } from '../../../lib/activity'

export interface ActivityForm {
  type: ActivityType
  title: string
  description: string
  place: string
  organizer: string
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  deadlineDate: string
  deadlineTime: string
  /** Empty: no limit. */
  quota: string
  audience: Audience
  allowWalkIn: boolean
  /** Otherwise the window is the default (30 minutes before the start until the end). */
  customWindow: boolean
  fromDate: string
  fromTime: string
  untilDate: string
  untilTime: string
}

/** A new activity: tomorrow 09:00–11:00 (China time), sign-up until the start. */
export function emptyForm(now: Date): ActivityForm {
  const tomorrow = fromInstant(new Date(now.getTime() + 86400000).toISOString()).date
  return {
    type: 'sports',
    title: '',
    description: '',
    place: '',
    organizer: '',
    startDate: tomorrow,
    startTime: '09:00',
    endDate: tomorrow,
    endTime: '11:00',
    deadlineDate: tomorrow,
    deadlineTime: '09:00',
    quota: '',
    audience: 'union',
    allowWalkIn: false,
    customWindow: false,
    fromDate: tomorrow,
    fromTime: '08:30',
    untilDate: tomorrow,
    untilTime: '11:00',
  }
}

export function formFromActivity(a: ActivityDetail): ActivityForm {
  const s = fromInstant(a.startAt)
  const e = fromInstant(a.endAt)
  const d = fromInstant(a.signUpDeadline)
  const f = fromInstant(a.checkInFrom)
  const u = fromInstant(a.checkInUntil)
  const defaultWindow = Date.parse(a.checkInFrom) === Date.parse(a.startAt) - 30 * 60000 && Date.parse(a.checkInUntil) === Date.parse(a.endAt)
  return {
    type: a.type,
    title: a.title,
    description: a.description,
    place: a.place,
    organizer: a.organizer,
    startDate: s.date,
    startTime: s.time,
    endDate: e.date,
    endTime: e.time,
    deadlineDate: d.date,
    deadlineTime: d.time,
    quota: a.quota === null ? '' : String(a.quota),
    audience: a.audience,
    allowWalkIn: a.allowWalkIn,
    customWindow: !defaultWindow,
    fromDate: f.date,
    fromTime: f.time,
    untilDate: u.date,
    untilTime: u.time,
  }
}

export type CreateInput = InputOf<'activity.create'>

/** Form field that shows an API field's problem. */
const FIELD_OF_PATH: Record<string, string> = {
  startAt: 'start',
  endAt: 'end',
  signUpDeadline: 'deadline',
  checkInFrom: 'from',
  checkInUntil: 'until',
}

export type FormProblems = Record<string, string>

/** The create input for `unionId`, or the problems by form field (`title`, `start`, `quota`…). */
export function formToInput(f: ActivityForm, unionId: string): { ok: true; input: CreateInput } | { ok: false; problems: FormProblems } {
  const quota = f.quota.trim()
  const raw: Record<string, unknown> = {
    unionId,
    type: f.type,
    title: f.title,
    description: f.description,
    place: f.place,
    organizer: f.organizer,
    startAt: toInstant(f.startDate, f.startTime),
    endAt: toInstant(f.endDate, f.endTime),
    signUpDeadline: toInstant(f.deadlineDate, f.deadlineTime),
    audience: f.audience,
    allowWalkIn: f.allowWalkIn,
  }
  if (quota) raw.quota = /^\d+$/.test(quota) ? Number(quota) : Number.NaN
  if (f.customWindow) {
    raw.checkInFrom = toInstant(f.fromDate, f.fromTime)
    raw.checkInUntil = toInstant(f.untilDate, f.untilTime)
  }
  const parsed = create.input.safeParse(raw)
  if (parsed.success) return { ok: true, input: parsed.data as CreateInput }
  const problems: FormProblems = {}
  // Cross-field time rules run only once every field is valid on its own: check them here too, so all problems show at once.
  const times = raw as { startAt?: string; endAt?: string; signUpDeadline?: string; checkInFrom?: string; checkInUntil?: string }
  for (const p of timeProblems(times)) problems[FIELD_OF_PATH[p.path] ?? p.path] = p.message
  for (const issue of parsed.error.issues) {
    const path = String(issue.path[0] ?? '')
    const field = FIELD_OF_PATH[path] ?? path
    if (!problems[field]) problems[field] = path === 'quota' ? '名额须为正整数，不限名额请留空' : issue.message
  }
  return { ok: false, problems }
}

/** The update input: the same fields (the host works out what changed); an emptied quota removes the limit. */
export function updateInput(id: string, input: CreateInput, f: ActivityForm): InputOf<'activity.update'> {
  const { unionId: _unionId, ...fields } = input
  const window = f.customWindow
    ? {}
    : { checkInFrom: new Date(Date.parse(fields.startAt) - 30 * 60000).toISOString(), checkInUntil: new Date(Date.parse(fields.endAt)).toISOString() }
  return { id, ...fields, ...window, quota: f.quota.trim() ? fields.quota : null }
}
