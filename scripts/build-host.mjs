#!/usr/bin/env node
/**
 * `npm run build:host`: the cloud-function host as one ES module, `dist/host/main.mjs`, for production
 * (`node dist/host/main.mjs`): no TypeScript compiler or `tsx` at run time, and one file for Node to
 * read instead of hundreds of modules to find and transpile — a FaaS platform pays the start on every
 * cold start (`npm run bench:coldstart`).
 *
 * Bundled: our code and the pure-JS dependencies. External (loaded from node_modules at run time):
 * native modules (`better-sqlite3`) and `pg` (its optional native binding is looked up at run time).
 * Libraries only some calls need are chunks loaded on first use (cloud/domain/lazy-modules.ts).
 * The bundle keeps CommonJS dependencies working in ESM with a `require` made by `createRequire`.
 */
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * zod re-exports all of its ≈ 45 message locales as one namespace (`z.locales`), which no bundler can
 * drop; the host never switches locale (its refusals carry our own Chinese messages), so the bundle
 * gets a `locales` module holding only `en`, the one zod installs by default. A third of zod's weight.
 */
const zodDefaultLocaleOnly = {
  name: 'zod-default-locale-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), '../locales/en.js') } : undefined));
  },
};
// `--outdir <dir>` builds elsewhere (tests/integration/deploy.test.ts builds into a temporary folder).
const outArg = process.argv.indexOf('--outdir');
const outdir = outArg > 0 && process.argv[outArg + 1] ? path.resolve(process.argv[outArg + 1]) : path.join(root, 'dist/host');
const started = Date.now();

fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: path.join(root, 'cloud/host/main.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  // What only some calls need (exceljs, qrcode: cloud/domain/lazy-modules.ts) goes in chunks of its
  // own, read on the first such call instead of at every start.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  keepNames: true,
  legalComments: 'linked',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  banner: {
    js: "import { createRequire as __unionCreateRequire } from 'node:module'; const require = __unionCreateRequire(import.meta.url);",
  },
  metafile: true,
  plugins: [zodDefaultLocaleOnly],
  logLevel: 'warning',
});
const bytes = fs.statSync(path.join(outdir, 'main.mjs')).size;
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(`built ${path.relative(root, path.join(outdir, 'main.mjs'))}: ${(bytes / 1024).toFixed(0)} KiB from ${inputs} files in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
