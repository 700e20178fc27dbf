import { randomUUID } from 'node:crypto';
import { metricsRegistry } from '@wallet-platform/service-kit';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { registerReconciliationMetrics, RECONCILIATION_STATUS_DAYS } from './reconciliation.metrics';

/** The configured platforms as the gauges need them: their ids (a platform with two operators is listed twice). */
const platform = (platformId: string, operatorId = 'casino1') => ({ platformId, operatorId });

async function byPlatform(name: string): Promise<Record<string, number>> {
  const { values } = await metricsRegistry.getSingleMetric(name)!.get();
  return Object.fromEntries(values.map((value) => [value.labels['platform'], value.value]));
}

describe('reconciliation status gauges on real PostgreSQL', () => {
  let database: ScratchReportingDatabase;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  async function run(platformId: string, operatorId: string, day: string, status: 'matched' | 'mismatched' | 'failed', minutesAgo: number): Promise<void> {
    await database.dataSource.query(
      `INSERT INTO reconciliation_runs (run_id, platform_id, operator_id, day, trigger, status, result, error, ran_at)
       VALUES ($1, $2, $3, $4::date, 'request', $5, $6::jsonb, $7, now() - $8 * interval '1 minute')`,
      [randomUUID(), platformId, operatorId, day, status, status === 'failed' ? null : '{}', status === 'failed' ? 'the platform did not answer' : null, minutesAgo],
    );
  }

  it("counts, per configured platform, the recent days whose latest run is mismatched or failed", async () => {
    // plat-a: a day mismatched then matched on a re-run (cleared), a day mismatched, a day whose
    // failed run followed a mismatch (failed now), a mismatch older than the window.
    await run('plat-a', 'casino1', daysAgo(1), 'mismatched', 60);
    await run('plat-a', 'casino1', daysAgo(1), 'matched', 10);
    await run('plat-a', 'casino1', daysAgo(2), 'mismatched', 10);
    await run('plat-a', 'casino1', daysAgo(3), 'mismatched', 60);
    await run('plat-a', 'casino1', daysAgo(3), 'failed', 5);
    await run('plat-a', 'casino1', daysAgo(RECONCILIATION_STATUS_DAYS + 3), 'mismatched', 10);
    // plat-b, two operators: each operator's day counts.
    await run('plat-b', 'casino1', daysAgo(0), 'mismatched', 1);
    await run('plat-b', 'casino2', daysAgo(0), 'mismatched', 1);
    await run('plat-b', 'casino2', daysAgo(1), 'matched', 1);
    registerReconciliationMetrics(database.dataSource, [platform('plat-a'), platform('plat-b'), platform('plat-b', 'casino2'), platform('plat-c')]);

    expect(await byPlatform('reporting_reconciliation_mismatches')).toEqual({ 'plat-a': 1, 'plat-b': 2, 'plat-c': 0 });
    expect(await byPlatform('reporting_reconciliation_failed_days')).toEqual({ 'plat-a': 1, 'plat-b': 0, 'plat-c': 0 });
    // The runs counter exists for every configured platform, trigger and outcome, at 0.
    const { values } = await metricsRegistry.getSingleMetric('reporting_reconciliation_runs_total')!.get();
    expect(values).toHaveLength(3 * 2 * 3);
    expect(values.every((value) => value.value === 0)).toBe(true);
  });
});
