export default definePageConfig({
  navigationBarTitleText: '结账与公示',
})
