/**
 * Libraries only some calls need, loaded on the first such call instead of at start: a cold start
 * (a FaaS instance, `npm run bench:coldstart`) should not parse ≈ 1.5 MB of spreadsheet and zip code
 * to answer a login. The production bundle puts each in a chunk of its own (scripts/build-host.mjs).
 */
import type ExcelJSModule from 'exceljs';
import type QRCodeModule from 'qrcode';

type ExcelJS = typeof ExcelJSModule;
type QRCode = typeof QRCodeModule;

let excel: Promise<ExcelJS> | null = null;
let qrcode: Promise<QRCode> | null = null;

/** CommonJS modules arrive as `default` through `import()` in ESM, as the module itself under some loaders. */
function moduleOf<T>(m: { default?: T } & Partial<T>): T {
  return (m.default ?? m) as T;
}

/** exceljs (roster and compliance workbooks). */
export function loadExcelJS(): Promise<ExcelJS> {
  excel ??= import('exceljs').then((m) => moduleOf<ExcelJS>(m as never));
  return excel;
}

/** qrcode (the invitation poster). */
export function loadQRCode(): Promise<QRCode> {
  qrcode ??= import('qrcode').then((m) => moduleOf<QRCode>(m as never));
  return qrcode;
}
