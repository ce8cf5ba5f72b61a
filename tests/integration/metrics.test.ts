/**
 * `GET /metrics` (docs/deploy.md, "Metrics"): off unless `UNION_METRICS_TOKEN` is set (404), then
 * only with that bearer token; after some calls, the Prometheus text format parses and counts them
 * per function and outcome, with latency histograms and the storage's own figures.
 */
import { BACKENDS, signHeaders, startTestHost, type TestHost } from '../support/host';

const TOKEN = 'metrics-test-token-0123456789';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the text exposition format 0.0.4: every sample of a family declared by a TYPE line before it. */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1])).toBe(false);
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\["\\n])*",?)*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
    const value = m[3] === '+Inf' ? Infinity : Number(m[3]);
    expect(Number.isNaN(value)).toBe(false);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    expect(types.has(m[1]) || types.get(family) === 'histogram').toBe(true);
    samples.push({ name: m[1], labels, value });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)?.value;
}

async function post(t: TestHost, name: string, body: string) {
  return (await fetch(`${t.url}/1.1/functions/${name}`, { method: 'POST', headers: signHeaders(), body })).status;
}

it('is off by default: no /metrics (404)', async () => {
  const t = await startTestHost();
  try {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(404);
    expect((await fetch(`${t.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    expect(t.host.metrics).toBeNull();
  } finally {
    await t.close();
  }
});

it('refuses to start with a token too short to be a secret', async () => {
  await expect(startTestHost({ env: { UNION_METRICS_TOKEN: 'short' } })).rejects.toThrow(/UNION_METRICS_TOKEN/);
});

describe.each(BACKENDS)('metrics on %s', (backend) => {
  let t: TestHost;
  beforeAll(async () => {
    t = await startTestHost({ backend, env: { UNION_METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => t.close());

  it('answers only the bearer of the token', async () => {
    for (const auth of [undefined, `Bearer ${TOKEN}x`, TOKEN, `Basic ${TOKEN}`]) {
      const res = await fetch(`${t.url}/metrics`, { headers: auth ? { Authorization: auth } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect((await res.json()) as unknown).toMatchObject({ reason: 'unauthenticated', requestId: res.headers.get('x-request-id') });
    }
  });

  it('counts calls per function and outcome, times them, and shows the storage figures', async () => {
    const session = await t.login('member', undefined, 'metrics');
    for (let i = 0; i < 3; i++) await t.call('org.tree', {});
    await t.call('auth.me', {}, session);
    expect(await post(t, 'auth.me', '{}')).toBe(401);
    expect(await post(t, 'auth.me', '{}')).toBe(401);
    expect(await post(t, 'org.tree', '{"role":1}')).toBe(400);
    expect(await post(t, 'no.such', '{}')).toBe(404);
    expect(await post(t, 'also\n"missing"', '{}')).toBe(404);

    const res = await fetch(`${t.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { samples, types } = parseExposition(await res.text());

    expect(types.get('union_calls_total')).toBe('counter');
    expect(value(samples, 'union_calls_total', { fn: 'org.tree', outcome: 'ok' })).toBe(3);
    expect(value(samples, 'union_calls_total', { fn: 'org.tree', outcome: 'validation_error' })).toBe(1);
    expect(value(samples, 'union_calls_total', { fn: 'auth.me', outcome: 'ok' })).toBe(1);
    expect(value(samples, 'union_calls_total', { fn: 'auth.me', outcome: 'unauthenticated' })).toBe(2);
    expect(value(samples, 'union_calls_total', { fn: 'auth.devLogin', outcome: 'ok' })).toBe(1);
    // Names that are not functions share one label value: a scanner cannot grow the label set.
    expect(value(samples, 'union_calls_total', { fn: '(unknown)', outcome: 'unknown_function' })).toBe(2);
    expect(samples.filter((s) => s.name === 'union_calls_total').map((s) => s.labels.fn)).not.toContain('no.such');

    // Latency: per function, cumulative buckets ending in +Inf = count.
    expect(types.get('union_call_duration_seconds')).toBe('histogram');
    const buckets = samples.filter((s) => s.name === 'union_call_duration_seconds_bucket' && s.labels.fn === 'org.tree');
    expect(buckets.length).toBeGreaterThan(5);
    expect(buckets[buckets.length - 1].labels.le).toBe('+Inf');
    for (let i = 1; i < buckets.length; i++) {
      const le = (b: Sample) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le));
      expect(le(buckets[i])).toBeGreaterThan(le(buckets[i - 1]));
      expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
    }
    expect(buckets[buckets.length - 1].value).toBe(4);
    expect(value(samples, 'union_call_duration_seconds_count', { fn: 'org.tree' })).toBe(4);
    expect(value(samples, 'union_call_duration_seconds_sum', { fn: 'org.tree' })).toBeGreaterThan(0);

    if (backend === 'postgres') {
      expect(value(samples, 'union_db_pool_max', {})).toBe(10);
      const total = value(samples, 'union_db_pool_connections', { state: 'total' })!;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'union_db_pool_connections', { state: 'idle' })).toBeLessThanOrEqual(total);
      expect(value(samples, 'union_db_pool_connections', { state: 'waiting' })).toBe(0);
    } else {
      // The login's session was written through the group commit (the demo seed too).
      const count = value(samples, 'union_sqlite_group_commit_batch_size_count', {})!;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(value(samples, 'union_sqlite_group_commit_batch_size_bucket', { le: '+Inf' })).toBe(count);
      expect(value(samples, 'union_sqlite_group_commit_batch_size_sum', {})).toBeGreaterThanOrEqual(count);
      expect(value(samples, 'union_sqlite_group_commit_rerun_batches_total', {})).toBe(0);
      expect(samples.some((s) => s.name.startsWith('union_db_pool'))).toBe(false);
    }
    expect(value(samples, 'process_resident_memory_bytes', {})).toBeGreaterThan(0);
    // The scrape itself is not a function call.
    expect(samples.some((s) => s.name === 'union_calls_total' && s.labels.fn === '/metrics')).toBe(false);
  });
});
