export default definePageConfig({
  navigationBarTitleText: '职工诉求',
})
