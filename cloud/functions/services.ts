import type { Keys } from '../domain/crypto';
import type { Logger } from '../host/app';
import type { WechatClient } from '../host/wechat';
import type { FileStore } from '../storage/file-store';

/** What handlers need besides the database: settings and outside services. */
export interface Services {
  mode: 'demo' | 'production';
  keys: Keys;
  /** Base URL of the H5 app, for links in QR codes (e.g. `https://union.example.cn`). */
  publicUrl: string;
  /** Null when WeChat login is not configured (demo without WeChat credentials). */
  wechat: WechatClient | null;
  /** Attachments and photos (bytes only; metadata is in the database). */
  files: FileStore;
  /** Errors for the operators (the host's log; JSON lines on stderr when absent). */
  log?: Logger;
}
