/**
 * A value read at scrape time (a bounded database query behind several gauges), shared by the
 * gauges of one scrape (prom-client collects them concurrently), bounded in time, and at most once
 * per `minIntervalMs`: past the timeout, on an error, or between reads the last value is served
 * (the database's own health check and pool metrics tell why it did not answer).
 */
export interface ScrapeTimeRead<T> {
  /** The value for this scrape. */
  current(): Promise<T>;
}

export interface ScrapeTimeReadOptions {
  /** Longest a scrape waits for the read. */
  readonly timeoutMs: number;
  /** Reads no more often than this; scrapes in between get the last value (0: every scrape). */
  readonly minIntervalMs: number;
}

const NOT_READ = Symbol('not read');

export function scrapeTimeRead<T>(read: () => Promise<T>, initial: T, options: ScrapeTimeReadOptions): ScrapeTimeRead<T> {
  let last = initial;
  let lastReadAtMs = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<T> | null = null;
  return {
    current() {
      if (inFlight) return inFlight;
      if (Date.now() - lastReadAtMs < options.minIntervalMs) return Promise.resolve(last);
      lastReadAtMs = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof NOT_READ>((resolve) => {
        timer = setTimeout(() => resolve(NOT_READ), options.timeoutMs);
        timer.unref();
      });
      inFlight = Promise.race([read(), timeout])
        .catch((): typeof NOT_READ => NOT_READ)
        .then((value) => (value === NOT_READ ? last : (last = value)))
        .finally(() => {
          clearTimeout(timer);
          inFlight = null;
        });
      return inFlight;
    },
  };
}
