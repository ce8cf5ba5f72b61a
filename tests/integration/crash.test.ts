/**
 * The crash test's fast variant (CI): a few SIGKILL cycles of a real host process
 * taking durable writes; `npm run test:crash` runs 200+.
 */
import { formatCrashReport, runCrashTest } from '../proof/crash';

const CYCLES = Number(process.env.CRASH_CYCLES_CI ?? 10);

jest.setTimeout(CYCLES * 15_000 + 30_000);

it(`loses no acknowledged write and always restarts, over ${CYCLES} SIGKILL cycles`, async () => {
  const report = await runCrashTest({ cycles: CYCLES, startupKillEvery: 5, minAckedPerCycle: 6 });
  process.stdout.write(`${formatCrashReport(report)}\n`);
  expect(report.cycles).toBe(CYCLES);
  expect(report.failedRestarts).toBe(0);
  expect(report.integrityFailures).toBe(0);
  expect(report.refusedWrites).toBe(0);
  expect(report.lost).toBe(0);
  expect(report.acknowledged).toBeGreaterThan(CYCLES * 5);
});
