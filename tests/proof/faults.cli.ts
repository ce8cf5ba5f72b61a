/** `npm run test:faults`: FAULT_KILLS (default 200) rounds of pg_terminate_backend under load; exits 1 on any failure. */
import { faultFailures, formatFaultReport, runPgFaultTest } from './faults';

async function main(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    process.stdout.write('TEST_DATABASE_URL is not set: the PostgreSQL fault test needs a server (e.g. postgres://root@127.0.0.1:5432/test)\n');
    process.exit(1);
  }
  const kills = Number(process.env.FAULT_KILLS ?? 200);
  const concurrency = Number(process.env.FAULT_CONCURRENCY ?? 24);
  const report = await runPgFaultTest({ kills, concurrency, logFile: process.env.FAULT_LOG, log: (l) => process.stdout.write(`${l}\n`) });
  process.stdout.write(`${formatFaultReport(report)}\n`);
  const failures = faultFailures(report, kills);
  for (const f of failures) process.stdout.write(`FAIL: ${f}\n`);
  process.exit(failures.length ? 1 : 0);
}

void main();
