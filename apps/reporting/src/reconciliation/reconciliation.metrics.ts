import type { DataSource } from 'typeorm';
import { counter, gauge, scrapeTimeRead } from '@wallet-platform/service-kit';
import type { ReconciliationTrigger } from './reconciliation.store';

/** Days back (today included) whose latest run the status gauges describe. */
export const RECONCILIATION_STATUS_DAYS = 7;
/** Latest runs read per scrape at most: RECONCILED_PLATFORMS_MAX platforms × operators × the days. */
const LATEST_RUNS_READ_MAX = 5_000;
const RECONCILIATION_READ_TIMEOUT_MS = 1_000;
/** Runs are daily: the status is read at most this often. */
const RECONCILIATION_READ_INTERVAL_MS = 5_000;

const RUN_OUTCOMES = ['matched', 'mismatched', 'failed'] as const;
export type ReconciliationRunOutcome = (typeof RUN_OUTCOMES)[number];
const TRIGGERS: readonly ReconciliationTrigger[] = ['schedule', 'request'];

const runs = counter<'platform' | 'trigger' | 'outcome'>({
  name: 'reporting_reconciliation_runs_total',
  help: 'Reconciliation runs this process stored, by platform, trigger (schedule, request) and outcome (matched, mismatched, failed: the report could not be had).',
  labelNames: ['platform', 'trigger', 'outcome'],
});

export function countReconciliationRun(platformId: string, trigger: ReconciliationTrigger, outcome: ReconciliationRunOutcome): void {
  runs.inc({ platform: platformId, trigger, outcome });
}

type LatestStatuses = ReadonlyArray<{ readonly platformId: string; readonly status: ReconciliationRunOutcome; readonly days: number }>;

let statuses: { current(): Promise<LatestStatuses> } | null = null;
let platformIds: readonly string[] = [];

/** Days of the window whose latest run has `status`, per configured platform (0 when none). */
async function daysWith(status: ReconciliationRunOutcome): Promise<Map<string, number>> {
  const days = new Map(platformIds.map((platformId) => [platformId, 0]));
  for (const row of statuses === null ? [] : await statuses.current()) {
    if (row.status === status) days.set(row.platformId, (days.get(row.platformId) ?? 0) + row.days);
  }
  return days;
}

gauge({
  name: 'reporting_reconciliation_mismatches',
  help: `Days of the last ${RECONCILIATION_STATUS_DAYS} whose latest reconciliation run found our figures and the platform's business report apart, by platform (a matching re-run clears the day).`,
  labelNames: ['platform'],
  async collect() {
    if (statuses === null) return;
    this.reset();
    for (const [platform, days] of await daysWith('mismatched')) this.set({ platform }, days);
  },
});

gauge({
  name: 'reporting_reconciliation_failed_days',
  help: `Days of the last ${RECONCILIATION_STATUS_DAYS} whose latest reconciliation run could not get or read the platform's business report, by platform.`,
  labelNames: ['platform'],
  async collect() {
    if (statuses === null) return;
    this.reset();
    for (const [platform, days] of await daysWith('failed')) this.set({ platform }, days);
  },
});

/** The latest run of every platform, operator and recent day, read at scrape time (the day index keeps it small). */
export function registerReconciliationMetrics(dataSource: DataSource, platforms: ReadonlyArray<{ readonly platformId: string }>): void {
  platformIds = [...new Set(platforms.map((platform) => platform.platformId))];
  // Every configured platform's runs exist from the start at 0: its first run is an increase.
  for (const platform of platformIds) for (const trigger of TRIGGERS) for (const outcome of RUN_OUTCOMES) runs.inc({ platform, trigger, outcome }, 0);
  statuses = scrapeTimeRead<LatestStatuses>(
    async () => {
      const rows = (await dataSource.query(
        `SELECT platform_id AS "platformId", status, count(*)::int AS days FROM (
           SELECT DISTINCT ON (platform_id, operator_id, day) platform_id, status
             FROM reconciliation_runs WHERE day > (now() AT TIME ZONE 'UTC')::date - $1::int
            ORDER BY platform_id, operator_id, day, ran_at DESC, run_id
            LIMIT $2) AS latest
          GROUP BY platform_id, status`,
        [RECONCILIATION_STATUS_DAYS, LATEST_RUNS_READ_MAX],
      )) as Array<{ platformId: string; status: ReconciliationRunOutcome; days: number }>;
      return rows.map((row) => ({ platformId: row.platformId, status: row.status, days: Number(row.days) }));
    },
    [],
    { timeoutMs: RECONCILIATION_READ_TIMEOUT_MS, minIntervalMs: RECONCILIATION_READ_INTERVAL_MS },
  );
}
