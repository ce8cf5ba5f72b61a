export default definePageConfig({
  navigationBarTitleText: '入会二维码',
})
