export default definePageConfig({
  navigationBarTitleText: '委员会',
})
