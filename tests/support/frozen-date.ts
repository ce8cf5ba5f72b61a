/**
 * Freezes `Date` (only `Date`) at `now` for the tests of the enclosing file or `describe`: the
 * host's clock and the SDK's request signatures both read it, while timers, I/O and the database run
 * as usual. Tests move it with `jest.setSystemTime`.
 */
export function freezeDateAt(now: Date): void {
  beforeAll(() => {
    jest.useFakeTimers({
      now,
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'],
    });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
}
