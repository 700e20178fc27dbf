import type { DataSource, EntityManager } from 'typeorm';
import type { ReconciliationResultMessage } from '@wallet-platform/contracts';
import type { OurBusinessRow } from './reconcile-business-report';

/** Our figures of a platform and day per vendor × currency, in the business report's shape. */
export async function ourBusinessRows(dataSource: DataSource | EntityManager, platformId: string, operatorId: string, day: string): Promise<OurBusinessRow[]> {
  return (await dataSource.query(
    `SELECT vendor, currency, sum(bets_sum)::numeric(18,2)::text AS "betsSum", sum(bets_count)::text AS "betsCount",
            sum(wins_sum)::numeric(18,2)::text AS "winsSum", sum(wins_count)::text AS "winsCount",
            sum(freespin_wins_sum)::numeric(18,2)::text AS "freeSpinWinsSum", sum(freespin_wins_count)::text AS "freeSpinWinsCount",
            sum(jackpot_wins_sum)::numeric(18,2)::text AS "jackpotWinsSum", sum(jackpot_wins_count)::text AS "jackpotWinsCount",
            sum(ggr)::numeric(18,2)::text AS ggr
       FROM daily_game_totals WHERE day = $1::date AND platform_id = $2 AND operator_id = $3
      GROUP BY vendor, currency ORDER BY vendor, currency`,
    [day, platformId, operatorId],
  )) as OurBusinessRow[];
}

export type ReconciliationTrigger = 'schedule' | 'request';

/** A run as stored: its result message, or why it could not compare. */
export interface StoredReconciliationRun {
  readonly runId: string;
  readonly platformId: string;
  readonly operatorId: string;
  readonly day: string;
  readonly trigger: ReconciliationTrigger;
  readonly status: 'matched' | 'mismatched' | 'failed';
  readonly result: ReconciliationResultMessage | null;
  readonly error: string | null;
  readonly ranAt: string;
  readonly published: boolean;
}

const RUN_COLUMNS = `run_id AS "runId", platform_id AS "platformId", operator_id AS "operatorId", to_char(day, 'YYYY-MM-DD') AS day, trigger, status, result, error,
  to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "ranAt", published_at IS NOT NULL AS published`;

/**
 * Stores a run; false when it is a scheduled run of a day that already has a completed one (two
 * replicas raced; the other's stands).
 */
export async function insertRun(
  manager: DataSource | EntityManager,
  run: { runId: string; platformId: string; operatorId: string; day: string; trigger: ReconciliationTrigger; result: ReconciliationResultMessage | null; error: string | null; ranAt: string },
): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO reconciliation_runs (run_id, platform_id, operator_id, day, trigger, status, result, error, ran_at)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7::jsonb, $8, $9::timestamptz)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [run.runId, run.platformId, run.operatorId, run.day, run.trigger, run.result?.status ?? 'failed', run.result === null ? null : JSON.stringify(run.result), run.error, run.ranAt],
  )) as unknown[];
  return rows.length === 1;
}

/** Whether the day of a platform has its completed scheduled run. */
export async function hasCompletedScheduledRun(dataSource: DataSource, platformId: string, operatorId: string, day: string): Promise<boolean> {
  const rows = (await dataSource.query(
    `SELECT 1 FROM reconciliation_runs WHERE platform_id = $1 AND operator_id = $2 AND day = $3::date AND trigger = 'schedule' AND status <> 'failed'`,
    [platformId, operatorId, day],
  )) as unknown[];
  return rows.length > 0;
}

export async function runById(dataSource: DataSource, runId: string): Promise<StoredReconciliationRun | null> {
  const rows = (await dataSource.query(`SELECT ${RUN_COLUMNS} FROM reconciliation_runs WHERE run_id = $1`, [runId])) as StoredReconciliationRun[];
  return rows[0] ?? null;
}

/** The latest run of each platform, operator and day in the range (the day's status), by day then platform. */
export async function latestRuns(
  dataSource: DataSource,
  query: { from: string; to: string; platformId?: string; operatorId?: string; limit: number; offset: number },
): Promise<StoredReconciliationRun[]> {
  const parameters: unknown[] = [query.from, query.to];
  const where = ['day BETWEEN $1::date AND $2::date'];
  if (query.platformId !== undefined) where.push(`platform_id = $${parameters.push(query.platformId)}`);
  if (query.operatorId !== undefined) where.push(`operator_id = $${parameters.push(query.operatorId)}`);
  parameters.push(query.limit, query.offset);
  return (await dataSource.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (platform_id, operator_id, day) ${RUN_COLUMNS}, day AS sort_day
         FROM reconciliation_runs WHERE ${where.join(' AND ')}
        ORDER BY platform_id, operator_id, day, ran_at DESC, run_id) latest
      ORDER BY sort_day DESC, "platformId", "operatorId" LIMIT $${parameters.length - 1} OFFSET $${parameters.length}`,
    parameters,
  )) as StoredReconciliationRun[];
}

/** Completed runs not yet on the topic, oldest first, locked until the caller's transaction ends. */
export async function lockUnpublishedRuns(manager: EntityManager, limit: number): Promise<Array<{ runId: string; result: ReconciliationResultMessage }>> {
  return (await manager.query(
    `SELECT run_id AS "runId", result FROM reconciliation_runs WHERE published_at IS NULL AND status <> 'failed'
      ORDER BY ran_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )) as Array<{ runId: string; result: ReconciliationResultMessage }>;
}

export async function markRunsPublished(manager: EntityManager, runIds: readonly string[]): Promise<void> {
  await manager.query(`UPDATE reconciliation_runs SET published_at = now() WHERE run_id = ANY($1::uuid[])`, [runIds]);
}
