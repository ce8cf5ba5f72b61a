export default definePageConfig({
  navigationBarTitleText: '经费账本',
})
