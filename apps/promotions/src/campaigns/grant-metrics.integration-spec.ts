import { metricsRegistry } from '@wallet-platform/service-kit';
import { createScratchPromotionsDatabase } from '../testing/scratch-promotions-database';
import { registerGrantMetrics } from './grant-metrics';

describe('promotions_campaign_grants on real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createScratchPromotionsDatabase>>;

  beforeAll(async () => {
    database = await createScratchPromotionsDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  /** A campaign with one batch and a grant per state given. */
  async function campaignWith(reference: string, state: string, validUntil: string, grants: readonly string[]): Promise<void> {
    const [campaign] = (await database.dataSource.query(
      `INSERT INTO campaigns (reference, name, provider, platform_id, kind, game_id, currency, rounds_count, bet_amount, valid_until, state, created_by)
       VALUES ($1, $1, 'choice-gaming', 'choice-gaming', 'freeRounds', '2', 'EUR', 10, 0.20, now() + $2::interval, $3, 'test') RETURNING id::text AS id`,
      [reference, validUntil, state],
    )) as Array<{ id: string }>;
    const [batch] = (await database.dataSource.query(`INSERT INTO grant_batches (campaign_id, batch_number, state, grants_count) VALUES ($1, 1, 'granted', $2) RETURNING id::text AS id`, [
      campaign.id,
      grants.length,
    ])) as Array<{ id: string }>;
    for (const [index, grantState] of grants.entries()) {
      await database.dataSource.query(
        `INSERT INTO campaign_grants (campaign_id, grant_number, platform_id, player_id, external_reference_id, state, skip_reason, batch_id, added_by)
         VALUES ($1, $2, 'choice-gaming', $3, $4, $5, $6, $7, 'test')`,
        [campaign.id, index + 1, `player-${index}`, `${reference}.${index + 1}`, grantState, grantState === 'skipped' ? 'blocked' : null, grantState === 'pending' || grantState === 'skipped' ? null : batch.id],
      );
    }
  }

  it('counts the grants of live campaigns by provider and state, every state reported', async () => {
    await campaignWith('live-granting', 'granting', '1 day', ['pending', 'pending', 'unknown', 'granted', 'skipped']);
    await campaignWith('live-completed', 'completed', '1 day', ['granted', 'played', 'rejected']);
    // Not live: canceled, and completed past its validity.
    await campaignWith('gone-canceled', 'canceled', '1 day', ['canceled', 'canceled']);
    await campaignWith('gone-expired', 'completed', '-1 day', ['expired', 'played']);
    registerGrantMetrics(database.dataSource);

    const { values } = await metricsRegistry.getSingleMetric('promotions_campaign_grants')!.get();
    const byState = Object.fromEntries(values.filter((value) => value.labels['provider'] === 'choice-gaming').map((value) => [value.labels['state'], value.value]));
    expect(byState).toEqual({ pending: 2, skipped: 1, granted: 2, rejected: 1, unknown: 1, played: 1, expired: 0, canceled: 0 });
    // Every state of every provider is reported, a provider with no live campaign at 0.
    const aggregator = values.filter((value) => value.labels['provider'] === 'aggregator');
    expect(aggregator.map((value) => [value.labels['state'], value.value])).toEqual(Object.keys(byState).map((state) => [state, 0]));
    expect(values).toHaveLength(16);
  });
});
