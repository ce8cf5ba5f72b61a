export default definePageConfig({
  navigationBarTitleText: '活动详情',
  // 转发给朋友 (onShareAppMessage): members invite colleagues to an activity in a chat.
  enableShareAppMessage: true,
})
