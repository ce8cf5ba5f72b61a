/** The `notify.*` functions (消息中心与订阅消息). */
export { list } from './list';
export { markRead } from './mark-read';
export { settings } from './settings';
export { subscribe } from './subscribe';
export { counts } from './counts';
