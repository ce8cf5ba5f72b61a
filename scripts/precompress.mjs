#!/usr/bin/env node
/**
 * Writes `.br` and `.gz` beside every compressible file of a built H5 app (default dist/h5),
 * so the host serves them precompressed (cloud/host/server.ts, serveStatic `precompressed`)
 * instead of the raw bytes: the join page's JavaScript drops to about a quarter over the wire.
 * Run after `taro build --type h5` (`npm run build:h5` and `npm start` do). Files already
 * compressed and not older than their source are kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(process.argv[2] ?? 'dist/h5');
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map|xml|wasm)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(entry.name)) yield p;
  }
}

let count = 0;
let raw = 0;
let br = 0;
for (const file of files(root)) {
  const data = fs.readFileSync(file);
  if (data.length < 1024) continue;
  const mtime = fs.statSync(file).mtimeMs;
  const fresh = (suffix) => fs.existsSync(file + suffix) && fs.statSync(file + suffix).mtimeMs >= mtime;
  if (!fresh('.br')) {
    fs.writeFileSync(
      file + '.br',
      zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    );
  }
  if (!fresh('.gz')) fs.writeFileSync(file + '.gz', zlib.gzipSync(data, { level: 9 }));
  count++;
  raw += data.length;
  br += fs.statSync(file + '.br').size;
}
console.log(`precompressed ${count} files in ${path.relative(process.cwd(), root) || '.'}: ${(raw / 1024).toFixed(0)} KiB → ${(br / 1024).toFixed(0)} KiB brotli`);
