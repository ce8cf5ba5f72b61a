/** Page paths used for navigation (must match app.config.ts). */
export const LOGIN_PAGE = '/pages/login/index'
/** Tab pages (open with switchTab; the list is app.config.ts's tabBar). */
export const HOME_TAB = '/pages/index/index'
export const ACTIVITIES_TAB = '/pages/activities/index'
export const NOTICES_TAB = '/pages/notices/index'
/** Where people land after logging in (a tab page: use switchTab). */
export const HOME_AFTER_LOGIN = '/pages/mine/index'
export const TAB_PAGES: readonly string[] = [HOME_TAB, ACTIVITIES_TAB, NOTICES_TAB, HOME_AFTER_LOGIN]
/** The staff workbench, in the `staff` sub-package. */
export const WORKBENCH_PAGE = '/packages/staff/pages/workbench/index'
/** The join page (入会申请), opened from an invitation QR code: `?t=<token>` (H5), `q`/`scene` (weapp). */
export const JOIN_PAGE = '/pages/join/index'
/** Status and the electronic member card (入会进度 / 电子会员卡). */
export const CARD_PAGE = '/pages/card/index'
/** Staff pages of the membership flow (sub-package). */
export const APPLICATIONS_PAGE = '/packages/staff/pages/applications/index'
export const ROSTER_PAGE = '/packages/staff/pages/roster/index'
export const INVITES_PAGE = '/packages/staff/pages/invites/index'
export const MEMBERSHIP_STATS_PAGE = '/packages/staff/pages/membership-stats/index'
/** A fund-use notice (经费公示详情), in the main package: `?id=<noticeId>`. */
export const NOTICE_PAGE = '/pages/notice/index'
/** The staff fund pages, in the `staff` sub-package (`?unionId=…`). */
export const FUND_LEDGER_PAGE = '/packages/staff/pages/fund-ledger/index'
export const FUND_ENTRY_PAGE = '/packages/staff/pages/fund-entry/index'
/** `?unionId=…&quarter=2026-Q3`. */
export const FUND_PERIOD_PAGE = '/packages/staff/pages/fund-period/index'
export const FUND_OVERVIEW_PAGE = '/packages/staff/pages/fund-overview/index'
export const FUND_SETTINGS_PAGE = '/packages/staff/pages/fund-settings/index'
/** Organisation pages (sub-package): committees and 规范化建设. */
export const COMMITTEES_PAGE = '/packages/staff/pages/committees/index'
export const COMPLIANCE_PAGE = '/packages/staff/pages/compliance/index'
/** 会籍与个人信息 (member, main package): transfer, leave, my data, corrections, deletion. */
export const MEMBERSHIP_PAGE = '/pages/membership/index'
/** 转会与信息请求 (staff sub-package): incoming/outgoing transfers and members' data requests (`?unionId=…`). */
export const LIFECYCLE_PAGE = '/packages/staff/pages/lifecycle/index'
/** 诉求与建议 (member, main package): my list, the form, and one request (`?id=`, also opened by staff). */
export const REQUESTS_PAGE = '/pages/requests/index'
export const REQUEST_NEW_PAGE = '/pages/request-new/index'
export const REQUEST_PAGE = '/pages/request/index'
/** Staff: a union's requests (`?unionId=`) and the industry union's counts and overdue items (`?unionId=`). */
export const STAFF_REQUESTS_PAGE = '/packages/staff/pages/requests/index'
export const REQUEST_STATS_PAGE = '/packages/staff/pages/request-stats/index'
/** 一人一档 of one member (sub-package): `?memberId=…`. */
export const MEMBER_FILE_PAGE = '/packages/staff/pages/member-file/index'
/** 我的消息 (the message centre) and its settings, in the main package (members and staff). */
export const MESSAGES_PAGE = '/pages/messages/index'
export const MESSAGE_SETTINGS_PAGE = '/pages/message-settings/index'
