/**
 * At most one log line per key per interval, for events a client can repeat at will (an oversized
 * body, a refused address): the first is logged, the rest are counted and reported with the next
 * line of that key. Memory is bounded: past `keysMax` keys the longest-quiet key is forgotten.
 */
export class LogRateLimiter {
  private readonly keys = new Map<string, { loggedAt: number; suppressed: number }>();

  constructor(
    private readonly intervalMs = LOG_INTERVAL_MS_DEFAULT,
    private readonly keysMax = LOG_RATE_LIMITER_KEYS_MAX,
    private readonly now: () => number = Date.now,
  ) {}

  /** Null when this event is not to be logged; else how many of the key's events were not logged since its last line. */
  admit(key: string): { readonly suppressed: number } | null {
    const now = this.now();
    const entry = this.keys.get(key);
    if (entry && now - entry.loggedAt < this.intervalMs) {
      entry.suppressed += 1;
      return null;
    }
    const suppressed = entry?.suppressed ?? 0;
    // Re-inserted: the Map's order is then the order of the last lines, oldest first.
    this.keys.delete(key);
    this.keys.set(key, { loggedAt: now, suppressed: 0 });
    if (this.keys.size > this.keysMax) this.keys.delete(this.keys.keys().next().value as string);
    return { suppressed };
  }

  get size(): number {
    return this.keys.size;
  }
}

/** Ours: once a minute per source is enough to see an abuse and its rate, without flooding the log. */
export const LOG_INTERVAL_MS_DEFAULT = 60_000;
/** Ours: 10,000 sources of about 100 bytes each, a megabyte at most. */
export const LOG_RATE_LIMITER_KEYS_MAX = 10_000;
