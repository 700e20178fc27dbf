/**
 * Latency samples and their percentiles. Every sample is kept up to `samplesMax` (exact
 * percentiles for any run the simulator's bounds allow); past it, reservoir sampling keeps a
 * uniform sample of that size, so memory stays bounded whatever the duration.
 */
export const LATENCY_SAMPLES_MAX = 1_000_000;

export interface LatencySummary {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Nearest-rank percentile of ascending values: the smallest value with at least p% of the values
 * at or below it. No interpolation: the answer is always a latency that was measured.
 */
export function percentile(ascending: ArrayLike<number>, percent: number): number {
  if (ascending.length === 0) return 0;
  if (!(percent > 0 && percent <= 100)) throw new RangeError(`percentile ${percent} is outside (0, 100]`);
  const rank = Math.ceil((percent / 100) * ascending.length);
  return ascending[rank - 1];
}

export function summarize(values: ArrayLike<number>): LatencySummary {
  const ascending = Float64Array.from(values).sort();
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    count: ascending.length,
    p50Ms: round(percentile(ascending, 50)),
    p95Ms: round(percentile(ascending, 95)),
    p99Ms: round(percentile(ascending, 99)),
    maxMs: round(ascending.length === 0 ? 0 : ascending[ascending.length - 1]),
  };
}

export class LatencyRecorder {
  private readonly samples: number[] = [];
  private seen = 0;
  private maxMs = 0;

  constructor(
    private readonly samplesMax = LATENCY_SAMPLES_MAX,
    /** Uniform in [0, 1): injected so tests are deterministic. */
    private readonly random: () => number = Math.random,
  ) {}

  record(latencyMs: number): void {
    this.seen++;
    this.maxMs = Math.max(this.maxMs, latencyMs);
    if (this.samples.length < this.samplesMax) {
      this.samples.push(latencyMs);
      return;
    }
    const slot = Math.floor(this.random() * this.seen);
    if (slot < this.samplesMax) this.samples[slot] = latencyMs;
  }

  /** The true count and max; percentiles from the (possibly sampled) values. */
  summary(): LatencySummary {
    const summary = summarize(this.samples);
    return { ...summary, count: this.seen, maxMs: Math.round(this.maxMs * 10) / 10 };
  }
}
