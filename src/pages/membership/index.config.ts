export default definePageConfig({
  navigationBarTitleText: '会籍与个人信息',
})
