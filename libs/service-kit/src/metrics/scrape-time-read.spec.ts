import { scrapeTimeRead } from './scrape-time-read';

describe('scrapeTimeRead', () => {
  it('shares one read between the gauges of a scrape', async () => {
    let reads = 0;
    const value = scrapeTimeRead(async () => ++reads, 0, { timeoutMs: 1_000, minIntervalMs: 0 });
    expect(await Promise.all([value.current(), value.current(), value.current()])).toEqual([1, 1, 1]);
    expect(await value.current()).toBe(2);
  });

  it('serves the last value on an error, and reads again at the next scrape', async () => {
    const answers: Array<() => Promise<number>> = [async () => 7, async () => Promise.reject(new Error('database away')), async () => 9];
    const value = scrapeTimeRead(() => answers.shift()!(), 0, { timeoutMs: 1_000, minIntervalMs: 0 });
    expect(await value.current()).toBe(7);
    expect(await value.current()).toBe(7);
    expect(await value.current()).toBe(9);
  });

  it('serves the last value when the read outlasts its timeout', async () => {
    const value = scrapeTimeRead(() => new Promise<number>(() => undefined), 3, { timeoutMs: 20, minIntervalMs: 0 });
    expect(await value.current()).toBe(3);
  });

  it('reads at most once per interval', async () => {
    let reads = 0;
    const value = scrapeTimeRead(async () => ++reads, 0, { timeoutMs: 1_000, minIntervalMs: 60_000 });
    expect(await value.current()).toBe(1);
    expect(await value.current()).toBe(1);
    expect(reads).toBe(1);
  });
});
