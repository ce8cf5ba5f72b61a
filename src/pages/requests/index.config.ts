export default definePageConfig({
  navigationBarTitleText: '诉求与建议',
})
