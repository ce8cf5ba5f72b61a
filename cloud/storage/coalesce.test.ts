import { Coalescer, type Settled } from './coalesce';

/** A run function that records its batches and answers each item with `double(item)` (or its own error for negatives). */
function recorder(opts: { delayMs?: number } = {}) {
  const batches: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const run = async (items: number[]): Promise<Settled<number>[]> => {
    batches.push(items);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
    running--;
    return items.map((n) => (n < 0 ? { ok: false, error: new Error(`negative ${n}`) } : { ok: true, value: n * 2 }));
  };
  return { run, batches, maxRunning: () => maxRunning };
}

describe('Coalescer', () => {
  it('answers the calls of one turn with one batch, each caller its own value', async () => {
    const r = recorder();
    const c = new Coalescer(r.run);
    await expect(Promise.all([1, 2, 3].map((n) => c.load(n)))).resolves.toEqual([2, 4, 6]);
    expect(r.batches).toEqual([[1, 2, 3]]);
    expect(c.stats).toMatchObject({ batches: 1, items: 3, largest: 3 });
  });

  it('an item that fails rejects its own caller only', async () => {
    const c = new Coalescer(recorder().run);
    const out = await Promise.allSettled([c.load(1), c.load(-1), c.load(2)]);
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((out[1] as PromiseRejectedResult).reason).toEqual(new Error('negative -1'));
  });

  it('a batch that throws rejects every caller of that batch, and the next batch runs', async () => {
    let fail = true;
    const c = new Coalescer<number, number>(async (items) => {
      if (fail) throw new Error('connection lost');
      return items.map((n) => ({ ok: true, value: n }));
    });
    const first = await Promise.allSettled([c.load(1), c.load(2)]);
    expect(first.every((o) => o.status === 'rejected' && (o.reason as Error).message === 'connection lost')).toBe(true);
    fail = false;
    await expect(c.load(3)).resolves.toBe(3);
  });

  it('runs at most maxInFlight batches at once; calls arriving meanwhile wait and go together', async () => {
    const r = recorder({ delayMs: 20 });
    const c = new Coalescer(r.run, { maxInFlight: 1 });
    const a = c.load(1);
    await new Promise((res) => setImmediate(res));
    // The first batch is running: these three wait for it and then go as one batch.
    const rest = [c.load(2), c.load(3), c.load(4)];
    await Promise.all([a, ...rest]);
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    expect(r.maxRunning()).toBe(1);
  });

  it('splits more than maxBatch calls into batches that may run side by side', async () => {
    const r = recorder({ delayMs: 5 });
    const c = new Coalescer(r.run, { maxBatch: 2, maxInFlight: 2 });
    await expect(Promise.all([1, 2, 3, 4, 5].map((n) => c.load(n)))).resolves.toEqual([2, 4, 6, 8, 10]);
    expect(r.batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(r.maxRunning()).toBe(2);
  });

  it('refuses a run that answers the wrong number of items (every caller gets the error)', async () => {
    const c = new Coalescer<number, number>(async () => [{ ok: true, value: 1 }]);
    const out = await Promise.allSettled([c.load(1), c.load(2)]);
    expect(out.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
