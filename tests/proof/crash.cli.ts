/** `npm run test:crash`: CRASH_CYCLES (default 200) SIGKILL cycles; exits 1 on any loss or failed restart. */
import { formatCrashReport, runCrashTest } from './crash';

async function main(): Promise<void> {
  const cycles = Number(process.env.CRASH_CYCLES ?? 200);
  const concurrency = Number(process.env.CRASH_CONCURRENCY ?? 4);
  const report = await runCrashTest({ cycles, concurrency, log: (l) => process.stdout.write(`${l}\n`) });
  process.stdout.write(`${formatCrashReport(report)}\n`);
  const ok = report.lost === 0 && report.failedRestarts === 0 && report.integrityFailures === 0 && report.refusedWrites === 0 && report.cycles === cycles;
  process.exit(ok ? 0 : 1);
}

void main();
