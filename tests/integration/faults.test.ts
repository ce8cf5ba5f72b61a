/**
 * The PostgreSQL fault test's short variant (CI): a real host process under load while every backend
 * of its database is terminated 50 times (FAULT_KILLS); then SIGTERM with calls in flight.
 * `npm run test:faults` runs 200 kills. Needs TEST_DATABASE_URL (CI sets it).
 */
import { faultFailures, formatFaultReport, runPgFaultTest } from '../proof/faults';

const KILLS = Number(process.env.FAULT_KILLS ?? 50);
const reason = process.env.TEST_DATABASE_URL ? null : 'TEST_DATABASE_URL is not set, so there is no PostgreSQL server to cut connections of';

jest.setTimeout(KILLS * 2_000 + 60_000);

if (reason) {
  process.stdout.write(`faults.test.ts: PostgreSQL fault test skipped: ${reason}\n`);
  it.skip(`PostgreSQL connections lost under load (skipped: ${reason})`, () => undefined);
} else {
  it(`survives ${KILLS} rounds of pg_terminate_backend under load: no restart, only 503 refusals, every acknowledged write kept; SIGTERM drains`, async () => {
    const report = await runPgFaultTest({ kills: KILLS });
    process.stdout.write(`${formatFaultReport(report)}\n`);
    expect(faultFailures(report, KILLS)).toEqual([]);
    expect(report.restarts).toBe(0);
    expect(report.other5xx).toBe(0);
    expect(report.present).toBe(report.acknowledgedWrites);
    expect(report.drain).toMatchObject({ answered: report.drain.inFlight, exitCode: 0, refusedNewConnection: true });
  });
}
