import type { DataSource } from 'typeorm';
import { metricsRegistry } from '@wallet-platform/service-kit';
import { createScratchWalletDatabase } from '../testing/scratch-wallet-database';
import { registerOutboxMetrics } from './outbox.metrics';

/** The outbox gauges read a real wallet database at scrape time. */
describe('outbox metrics on PostgreSQL', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, drop } = await createScratchWalletDatabase());
    registerOutboxMetrics(dataSource);
  });

  afterAll(async () => {
    await drop();
  });

  const scrape = async () => {
    const text = await metricsRegistry.metrics();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    return { pending: value('wallet_outbox_pending_events'), oldestAgeSeconds: value('wallet_outbox_oldest_pending_age_seconds') };
  };
  const stage = (ageSeconds: number, published: boolean) =>
    dataSource.query(
      `INSERT INTO outbox_events (topic, partition_key, event_type, payload, created_at, published_at)
       VALUES ('wallet.ledger-events', 'op|p1', 'ledger.transaction-committed', '{}'::jsonb, now() - make_interval(secs => $1), CASE WHEN $2 THEN now() END)`,
      [ageSeconds, published],
    );

  it('reports nothing pending on an empty outbox', async () => {
    expect(await scrape()).toEqual({ pending: 0, oldestAgeSeconds: 0 });
  });

  it('counts the unpublished events and ages the oldest of them, never a published one', async () => {
    await stage(600, true);
    await stage(90, false);
    await stage(5, false);
    const { pending, oldestAgeSeconds } = await scrape();
    expect(pending).toBe(2);
    expect(oldestAgeSeconds).toBeGreaterThanOrEqual(90);
    expect(oldestAgeSeconds).toBeLessThan(600);
  });
});
