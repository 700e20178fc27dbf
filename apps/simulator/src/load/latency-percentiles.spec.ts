import { LatencyRecorder, percentile, summarize } from './latency-percentiles';

describe('latency percentiles (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('given 1..100 ms, when summarized, then p50 is 50, p95 is 95, p99 is 99 and max is 100', () => {
    expect(summarize(oneToHundred)).toEqual({ count: 100, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 });
  });

  it('given unsorted samples, when summarized, then they are sorted numerically (not as text)', () => {
    expect(summarize([100, 9, 20, 3]).p50Ms).toBe(9);
  });

  it('given 10 samples, when p99 is asked, then it is the largest (rank ceil(9.9) = 10), a value that was measured', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 250], 99)).toBe(250);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 250], 90)).toBe(9);
  });

  it('given no samples, when summarized, then every figure is 0', () => {
    expect(summarize([])).toEqual({ count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 });
  });

  it('given a percentile outside (0, 100], when asked, then it refuses', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('given more samples than the bound, when recorded, then it keeps the bound, the true count and the true max', () => {
    const recorder = new LatencyRecorder(10, () => 0.999);
    for (let latencyMs = 1; latencyMs <= 1000; latencyMs++) recorder.record(latencyMs);
    const summary = recorder.summary();
    expect(summary.count).toBe(1000);
    expect(summary.maxMs).toBe(1000);
    // With random() = 0.999 no later sample replaces one of the first ten.
    expect(summary.p99Ms).toBe(10);
  });
});
