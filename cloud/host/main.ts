/** `npm run host`: starts the cloud-function host and prints the `ready` line. */
import { ConfigError } from './config';
import { startHost } from './server';

async function main(): Promise<void> {
  const started = Date.now();
  const host = await startHost();
  const { config } = host;
  const mode = config.mode === 'demo' ? '演示模式' : '生产模式';
  // Set by the production start (scripts/host-loader.mjs): whether V8's code cache was used, rejected or missing.
  const codeCache = (globalThis as { __unionCodeCache?: string }).__unionCodeCache;
  process.stdout.write(`union host ready at ${host.url} (${mode}, ${host.storage.describe}, 文件：${host.files.describe}${codeCache ? `, code cache ${codeCache}` : ''}, ${Date.now() - started} ms)\n`);
  if (config.mode === 'demo') {
    process.stdout.write(`  手机浏览器打开 ${host.url} ；演示干部账号如 cy-admin、cy01-staff，密码 ${config.demoStaffPassword}\n`);
    if (host.seeded) process.stdout.write('  已写入演示数据（青山县餐饮行业工会联合会）\n');
  }
  // SIGTERM/SIGINT: no new connections; the calls already taken are answered (up to UNION_DRAIN_MS),
  // then the database is closed and the process exits 0.
  const stop = async (signal: NodeJS.Signals) => {
    const at = Date.now();
    process.stdout.write(`union host stopping (${signal}): answering the calls in flight\n`);
    try {
      await host.close();
    } catch (err) {
      process.stderr.write(`关闭时出错：${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
    process.stdout.write(`union host stopped after ${Date.now() - at} ms\n`);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`启动失败：${err.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`启动失败：${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
