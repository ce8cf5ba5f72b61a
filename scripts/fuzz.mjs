#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz test (tests/integration/fuzz.test.ts) with a longer run.
 * FUZZ_RUNS (default 300) payloads per function × caller × kind; FUZZ_SEED (default: random,
 * printed so a failure can be replayed with the same seed).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const runs = process.env.FUZZ_RUNS ?? '300';
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
process.stdout.write(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}\n`);
const r = spawnSync(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--selectProjects', 'unit', '--runTestsByPath', 'tests/integration/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
