/**
 * The one load client used for every system in `npm run bench:peer`: `connections`
 * keep-alive HTTP connections, each sending its next request as soon as the previous one
 * is answered, for `seconds` after a warm-up. Latency per request; p50/p90/p99 from all.
 * `acknowledged` counts every HTTP 200 including the warm-up's (to compare with stored rows).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * @param {{ base: string, connections: number, seconds: number, warmupSeconds?: number,
 *           request: (seq: number) => { path: string, headers: Record<string,string>, body: string } }} o
 */
export async function runLoad(o) {
  const base = new URL(o.base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  let seq = 0;
  let acknowledged = 0;
  const send = () =>
    new Promise((resolve) => {
      const r = o.request(seq++);
      const started = performance.now();
      const req = http.request(
        { host: base.hostname, port: base.port, method: 'POST', path: r.path, agent, headers: { ...r.headers, 'Content-Length': Buffer.byteLength(r.body) } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ ok: res.statusCode === 200, status: res.statusCode, ms: performance.now() - started, body }));
        },
      );
      req.on('error', (e) => resolve({ ok: false, status: 0, ms: performance.now() - started, body: String(e) }));
      req.end(r.body);
    });

  const phase = async (seconds, record) => {
    const until = performance.now() + seconds * 1000;
    const lat = [];
    let errors = 0;
    let firstError = '';
    const worker = async () => {
      while (performance.now() < until) {
        const a = await send();
        if (a.ok) acknowledged++;
        if (!record) continue;
        if (a.ok) lat.push(a.ms);
        else {
          errors++;
          firstError ||= `${a.status} ${a.body.slice(0, 200)}`;
        }
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: o.connections }, worker));
    return { lat, errors, firstError, elapsed: (performance.now() - t0) / 1000 };
  };

  await phase(o.warmupSeconds ?? 2, false);
  const { lat, errors, firstError, elapsed } = await phase(o.seconds, true);
  agent.destroy();
  lat.sort((a, b) => a - b);
  const pct = (p) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] : NaN);
  return { ok: lat.length, acknowledged, errors, firstError, rps: lat.length / elapsed, p50: pct(50), p90: pct(90), p99: pct(99), max: lat[lat.length - 1] ?? NaN };
}
