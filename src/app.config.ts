export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/activities/index',
    'pages/notices/index',
    'pages/mine/index',
    'pages/login/index',
    // Workers arrive on the join page from a QR code: it must be in the main package.
    'pages/join/index',
    'pages/card/index',
    'pages/activity-detail/index',
    'pages/activity-checkin/index',
    'pages/notice/index',
    'pages/membership/index',
    // 诉求与建议: the member's list, the form, and one request (staff open the same detail page).
    'pages/requests/index',
    'pages/request-new/index',
    'pages/request/index',
    // 我的消息 and its settings (members and staff).
    'pages/messages/index',
    'pages/message-settings/index',
  ],
  // Staff screens live in a sub-package so the members' main package stays small.
  subPackages: [
    {
      root: 'packages/staff',
      pages: [
        'pages/workbench/index',
        'pages/applications/index',
        'pages/roster/index',
        'pages/invites/index',
        'pages/membership-stats/index',
        'pages/activities/index',
        'pages/activity-edit/index',
        'pages/activity-manage/index',
        'pages/checkin-station/index',
        'pages/scan-members/index',
        'pages/activity-record/index',
        'pages/fund-ledger/index',
        'pages/fund-entry/index',
        'pages/fund-period/index',
        'pages/fund-overview/index',
        'pages/fund-settings/index',
        'pages/committees/index',
        'pages/compliance/index',
        'pages/lifecycle/index',
        'pages/requests/index',
        'pages/request-stats/index',
        'pages/member-file/index',
      ],
    },
  ],
  // H5 only (WeChat does not know the field): no slide animation between pages. Pages swap
  // at once, which suits slow phones and leaves no outgoing page in the document for tests to trip on.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '行业工会',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#5c6270',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/activities/index',
        text: '活动',
        iconPath: 'assets/tab/activity.png',
        selectedIconPath: 'assets/tab/activity-active.png',
      },
      {
        pagePath: 'pages/notices/index',
        text: '经费公示',
        iconPath: 'assets/tab/notices.png',
        selectedIconPath: 'assets/tab/notices-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tab/mine.png',
        selectedIconPath: 'assets/tab/mine-active.png',
      },
    ],
  },
})
