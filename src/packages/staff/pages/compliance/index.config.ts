export default definePageConfig({
  navigationBarTitleText: '规范化建设',
})
