/**
 * `dist/host/main.mjs`, the production start (`node --max-semi-space-size=64 dist/host/main.mjs`),
 * copied there by scripts/build-host.mjs: it runs the bundled host, `host.cjs`, from V8's code cache.
 *
 * Node 20 compiles an ES module afresh at every start (it has no module compile cache), and compiling
 * plus lazily compiling the functions a first call runs is a good part of a cold start. A script
 * compiled through `vm.Script` can take V8's cached data instead: the build starts the host once,
 * answers a login, and writes `script.createCachedData()` (the top level and every function compiled
 * by then) into `code-cache/`. V8 takes cached data only from the same V8 version with the same V8
 * flags (`--max-semi-space-size` included) and for a source of the same length, and says when it
 * does not (`cachedDataRejected`): the host is then compiled as if there were no cache. The file is
 * named after the build (the id on the last line of host.cjs) and the Node version and flags, so a
 * cache never meets another build's source, and differently started hosts keep a file each.
 *
 * A start without a usable cache writes one for its own version and flags CODE_CACHE_WRITE_MS after
 * it began (when the folder is writable; otherwise it goes on without), for the next start
 * (`UNION_CODE_CACHE_WRITE_MS` changes the wait: tests).
 * `UNION_CODE_CACHE=off` neither reads nor writes one; `UNION_CODE_CACHE=write` (the build's training
 * run) writes it when the process exits.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const CODE_CACHE_WRITE_MS = Number(process.env.UNION_CODE_CACHE_WRITE_MS) || 10_000;
const dir = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(dir, 'host.cjs');
const source = fs.readFileSync(file, 'utf8');
const mode = process.env.UNION_CODE_CACHE ?? 'on';

/** The cache file of this build for this Node and these flags (FNV-1a of what V8 checks besides the source). */
function cacheFile() {
  const build = /\/\/# union-build=(\w+)\s*$/.exec(source.slice(-100))?.[1] ?? 'unknown';
  const key = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return path.join(dir, 'code-cache', `${build}-${h.toString(16).padStart(8, '0')}.bin`);
}

const cachePath = mode === 'off' ? null : cacheFile();
let cachedData;
if (mode === 'on') {
  try {
    cachedData = fs.readFileSync(cachePath);
  } catch {
    cachedData = undefined;
  }
}
// The CommonJS wrapper on a line of its own: the bundle's line numbers (and its source map) stay right.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: file, lineOffset: -1, cachedData });
/** Whether this start ran from the code cache (used, rejected, none, off): the `ready` line says (cloud/host/main.ts). */
globalThis.__unionCodeCache = mode === 'off' ? 'off' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';

function writeCache() {
  try {
    fs.mkdirSync(path.dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, cachePath);
  } catch {
    // A read-only folder (a container's image, a FaaS code package): the host runs without a cache.
  }
}
if (mode === 'write') process.on('exit', writeCache);
else if (mode === 'on' && globalThis.__unionCodeCache !== 'used') setTimeout(writeCache, CODE_CACHE_WRITE_MS).unref();

const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
