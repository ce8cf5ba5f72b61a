/** Page paths used for navigation (must match app.config.ts). */
export const LOGIN_PAGE = '/pages/login/index'
/** Where people land after logging in (a tab page: use switchTab). */
export const HOME_AFTER_LOGIN = '/pages/mine/index'
/** The staff workbench, in the `staff` sub-package. */
export const WORKBENCH_PAGE = '/packages/staff/pages/workbench/index'
