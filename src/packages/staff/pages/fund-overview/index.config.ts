export default definePageConfig({
  navigationBarTitleText: '经费公示概览',
})
