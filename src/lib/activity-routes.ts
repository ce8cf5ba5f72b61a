/** Activity page paths (must match app.config.ts). Member pages in the main package, staff pages in `packages/staff`. */
export const ACTIVITIES_TAB = '/pages/activities/index'
export const ACTIVITY_DETAIL_PAGE = '/pages/activity-detail/index'
export const ACTIVITY_CHECKIN_PAGE = '/pages/activity-checkin/index'
export const STAFF_ACTIVITIES_PAGE = '/packages/staff/pages/activities/index'
export const STAFF_ACTIVITY_EDIT_PAGE = '/packages/staff/pages/activity-edit/index'
export const STAFF_ACTIVITY_PAGE = '/packages/staff/pages/activity-manage/index'
export const CHECKIN_STATION_PAGE = '/packages/staff/pages/checkin-station/index'
export const SCAN_MEMBERS_PAGE = '/packages/staff/pages/scan-members/index'
export const ACTIVITY_RECORD_PAGE = '/packages/staff/pages/activity-record/index'

/** `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const q = Object.entries(params)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return q ? `${path}?${q}` : path
}
