/** Page paths used for navigation (must match app.config.ts). */
export const LOGIN_PAGE = '/pages/login/index'
/** Where people land after logging in (a tab page: use switchTab). */
export const HOME_AFTER_LOGIN = '/pages/mine/index'
/** The staff workbench, in the `staff` sub-package. */
export const WORKBENCH_PAGE = '/packages/staff/pages/workbench/index'
/** A fund-use notice (经费公示详情), in the main package: `?id=<noticeId>`. */
export const NOTICE_PAGE = '/pages/notice/index'
/** The staff fund pages, in the `staff` sub-package (`?unionId=…`). */
export const FUND_LEDGER_PAGE = '/packages/staff/pages/fund-ledger/index'
export const FUND_ENTRY_PAGE = '/packages/staff/pages/fund-entry/index'
/** `?unionId=…&quarter=2026-Q3`. */
export const FUND_PERIOD_PAGE = '/packages/staff/pages/fund-period/index'
export const FUND_OVERVIEW_PAGE = '/packages/staff/pages/fund-overview/index'
export const FUND_SETTINGS_PAGE = '/packages/staff/pages/fund-settings/index'
