import type { DataSource } from 'typeorm';
import { gauge } from '@wallet-platform/service-kit';

/** Pending events counted at most: past it the gauge says "at least this many" (a count must stay cheap in an outage). */
export const OUTBOX_PENDING_COUNTED_MAX = 10_000;
/** Longest a scrape waits for the outbox query; past it the last values are served. */
const OUTBOX_READ_TIMEOUT_MS = 1_000;

interface OutboxBacklog {
  readonly pending: number;
  readonly oldestAgeSeconds: number;
}

let read: (() => Promise<OutboxBacklog>) | null = null;
let inFlight: Promise<OutboxBacklog | null> | null = null;
let last: OutboxBacklog = { pending: 0, oldestAgeSeconds: 0 };

/** One query per scrape for both gauges (prom-client collects them concurrently), bounded in time. */
function backlog(): Promise<OutboxBacklog> {
  if (!read) return Promise.resolve(last);
  inFlight ??= Promise.race([read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), OUTBOX_READ_TIMEOUT_MS).unref())])
    .catch(() => null) // PostgreSQL away: the scrape still answers (the pool and the health check tell why)
    .finally(() => (inFlight = null));
  return inFlight.then((value) => (value ? (last = value) : last));
}

gauge({
  name: 'wallet_outbox_pending_events',
  help: `Ledger events committed but not yet published to wallet.ledger-events (counted up to ${OUTBOX_PENDING_COUNTED_MAX}).`,
  async collect() {
    this.set((await backlog()).pending);
  },
});

gauge({
  name: 'wallet_outbox_oldest_pending_age_seconds',
  help: 'Age of the oldest ledger event not yet published to wallet.ledger-events; 0 when none is pending.',
  async collect() {
    this.set((await backlog()).oldestAgeSeconds);
  },
});

/** Reads the outbox of this data source at scrape time (the partial index on unpublished ids keeps it small). */
export function registerOutboxMetrics(dataSource: DataSource): void {
  read = async () => {
    const [row] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_events WHERE published_at IS NULL LIMIT $1) AS capped)::int AS pending,
              COALESCE(EXTRACT(EPOCH FROM now() - (SELECT created_at FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT 1)), 0)::float8 AS age`,
      [OUTBOX_PENDING_COUNTED_MAX],
    )) as Array<{ pending: number; age: number }>;
    return { pending: Number(row.pending), oldestAgeSeconds: Math.max(0, Number(row.age)) };
  };
}
