#!/usr/bin/env node
/**
 * `node scripts/host-runtime-modules.mjs <out dir>`: the node_modules the production bundle needs
 * at run time, copied from this install into `<out dir>/node_modules` — the modules that
 * scripts/build-host.mjs leaves external (`better-sqlite3`, a native module, and `pg`) and what they
 * require, at exactly the versions installed here (the lockfile's). The container's runtime stage
 * (Dockerfile) holds these and the bundle, nothing else: no compiler, no Taro, no dev dependencies.
 *
 * Left out: `prebuild-install` (better-sqlite3 runs it only when it is installed) and better-sqlite3's
 * C sources and build files; kept its `lib/` and the compiled `build/Release/better_sqlite3.node`.
 * `pg-native` is not installed (pg's optional peer), `pg-cloudflare` only when present.
 */
import fs from 'node:fs';
import path from 'node:path';

export const RUNTIME_ROOTS = ['better-sqlite3', 'pg'];
const INSTALL_TIME_ONLY = new Set(['prebuild-install']);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** The directory of `name` as Node would find it from `fromDir` (nested node_modules first, then upwards). */
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

/** Every package directory the roots need, by a walk of their dependencies. */
export function runtimePackages() {
  const found = new Map();
  const visit = (name, fromDir, optional) => {
    if (INSTALL_TIME_ONLY.has(name)) return;
    const dir = locate(name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is not installed (needed from ${path.relative(root, fromDir) || '.'}): run npm install first`);
    }
    if (found.has(dir)) return;
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    found.set(dir, pkg.version);
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of RUNTIME_ROOTS) visit(name, root, false);
  return found;
}

function copyPackage(dir, outModules) {
  const to = path.join(outModules, path.relative(path.join(root, 'node_modules'), dir));
  if (path.basename(dir) === 'better-sqlite3') {
    fs.mkdirSync(path.join(to, 'build/Release'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'package.json'), path.join(to, 'package.json'));
    fs.cpSync(path.join(dir, 'lib'), path.join(to, 'lib'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'build/Release/better_sqlite3.node'), path.join(to, 'build/Release/better_sqlite3.node'));
    if (fs.existsSync(path.join(dir, 'LICENSE'))) fs.copyFileSync(path.join(dir, 'LICENSE'), path.join(to, 'LICENSE'));
    return;
  }
  // A package's own nested node_modules are packages of their own in the walk.
  fs.cpSync(dir, to, { recursive: true, filter: (src) => path.relative(dir, src).split(path.sep)[0] !== 'node_modules' });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: node scripts/host-runtime-modules.mjs <out dir>\n');
    process.exit(2);
  }
  const outModules = path.join(path.resolve(out), 'node_modules');
  fs.rmSync(outModules, { recursive: true, force: true });
  const packages = runtimePackages();
  for (const dir of packages.keys()) copyPackage(dir, outModules);
  process.stdout.write(`copied ${packages.size} packages into ${outModules}: ${[...packages].map(([d, v]) => `${path.relative(path.join(root, 'node_modules'), d)}@${v}`).join(', ')}\n`);
}
