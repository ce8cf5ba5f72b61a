export default definePageConfig({
  navigationBarTitleText: '转会与信息请求',
})
