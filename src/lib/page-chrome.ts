/**
 * The H5 page chrome (`page-chrome.h5.ts`): a bar with 返回 / 首页 above pages outside the tab bar, and
 * the `main` landmark on the page shown. The mini-program has WeChat's own navigation bar with its
 * back and home buttons, and no landmarks: this default does nothing.
 */
export function installPageChrome(): void {}
