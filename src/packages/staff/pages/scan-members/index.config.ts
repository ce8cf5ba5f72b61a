export default definePageConfig({
  navigationBarTitleText: '扫会员码签到',
})
