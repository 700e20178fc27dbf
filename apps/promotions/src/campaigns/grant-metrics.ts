import type { DataSource } from 'typeorm';
import { gauge, scrapeTimeRead } from '@wallet-platform/service-kit';
import { FreeRoundsProviderName } from './domain/campaign';
import { GrantState } from './domain/grant-state';

/** Grants read per count at most: past it the counts are a lower bound (a scrape must stay cheap). */
export const GRANTS_COUNTED_MAX = 1_000_000;
/** Longest the count may run on PostgreSQL (statement_timeout) and a scrape waits for it. */
const GRANTS_READ_TIMEOUT_MS = 2_000;
/** Grant states change at grant-run pace: counted at most this often, the last count served between. */
const GRANTS_READ_INTERVAL_MS = 15_000;

type GrantCounts = ReadonlyArray<{ readonly provider: string; readonly state: string; readonly count: number }>;

let counts: { current(): Promise<GrantCounts> } | null = null;

gauge({
  name: 'promotions_campaign_grants',
  help: `Free-round grants of live campaigns (drafts, granting, or still valid) by provider and state, read from the database at most every ${GRANTS_READ_INTERVAL_MS / 1000} s (up to ${GRANTS_COUNTED_MAX} grants).`,
  labelNames: ['provider', 'state'],
  async collect() {
    if (counts === null) return;
    const rows = await counts.current();
    // Every provider and state is reported, 0 when none: a state that empties goes to 0, not away.
    this.reset();
    for (const provider of Object.values(FreeRoundsProviderName)) for (const state of Object.values(GrantState)) this.set({ provider, state }, 0);
    for (const row of rows) this.set({ provider: row.provider, state: row.state }, row.count);
  },
});

/** Counts the grants of this data source at scrape time: one statement, bounded in rows and time. */
export function registerGrantMetrics(dataSource: DataSource): void {
  counts = scrapeTimeRead<GrantCounts>(
    () =>
      dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL statement_timeout = ${GRANTS_READ_TIMEOUT_MS}`);
        const rows = (await manager.query(
          `SELECT provider, state, count(*)::int AS count FROM (
             SELECT c.provider, g.state FROM campaigns c JOIN campaign_grants g ON g.campaign_id = c.id
              WHERE c.state IN ('draft', 'granting') OR (c.state = 'completed' AND c.valid_until > now())
              LIMIT $1) AS live
            GROUP BY provider, state`,
          [GRANTS_COUNTED_MAX],
        )) as Array<{ provider: string; state: string; count: number }>;
        return rows.map((row) => ({ provider: row.provider, state: row.state, count: Number(row.count) }));
      }),
    [],
    { timeoutMs: GRANTS_READ_TIMEOUT_MS, minIntervalMs: GRANTS_READ_INTERVAL_MS },
  );
}
