export default definePageConfig({
  navigationBarTitleText: '经费公示',
  // 转发给朋友 (onShareAppMessage): members pass a notice on in a chat.
  enableShareAppMessage: true,
})
