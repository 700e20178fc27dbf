import type { DataSource, EntityManager } from 'typeorm';
import { ReconciliationSource, type AnyReconciliationResultMessage } from '@wallet-platform/contracts';
import type { AggregatorPlayerDay, TransferFactRow } from './reconcile-aggregator-report';
import type { OurBusinessRow } from './reconcile-business-report';
import { parseReportDecimal } from './report-decimal';

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
  /** Which report the run compared with: a platform's business report, or an aggregator's player report (platformId is then the aggregator's id). */
  readonly source: ReconciliationSource;
  readonly platformId: string;
  readonly operatorId: string;
  readonly day: string;
  readonly trigger: ReconciliationTrigger;
  readonly status: 'matched' | 'mismatched' | 'failed';
  readonly result: AnyReconciliationResultMessage | null;
  readonly error: string | null;
  readonly ranAt: string;
  readonly published: boolean;
}

const RUN_COLUMNS = `run_id AS "runId", source, platform_id AS "platformId", operator_id AS "operatorId", to_char(day, 'YYYY-MM-DD') AS day, trigger, status, result, error,
  to_char(ran_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "ranAt", published_at IS NOT NULL AS published`;

/**
 * Stores a run; false when it is a scheduled run of a day that already has a completed one (two
 * replicas raced; the other's stands).
 */
export async function insertRun(
  manager: DataSource | EntityManager,
  run: { runId: string; source: ReconciliationSource; platformId: string; operatorId: string; day: string; trigger: ReconciliationTrigger; result: AnyReconciliationResultMessage | null; error: string | null; ranAt: string },
): Promise<boolean> {
  const rows = (await manager.query(
    `INSERT INTO reconciliation_runs (run_id, source, platform_id, operator_id, day, trigger, status, result, error, ran_at)
     VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8::jsonb, $9, $10::timestamptz)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [run.runId, run.source, run.platformId, run.operatorId, run.day, run.trigger, run.result?.status ?? 'failed', run.result === null ? null : JSON.stringify(run.result), run.error, run.ranAt],
  )) as unknown[];
  return rows.length === 1;
}

/** Whether the day of a platform has its completed scheduled run. */
export async function hasCompletedScheduledRun(dataSource: DataSource, source: ReconciliationSource, platformId: string, operatorId: string, day: string): Promise<boolean> {
  const rows = (await dataSource.query(
    `SELECT 1 FROM reconciliation_runs WHERE source = $4 AND platform_id = $1 AND operator_id = $2 AND day = $3::date AND trigger = 'schedule' AND status <> 'failed'`,
    [platformId, operatorId, day, source],
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
  query: { from: string; to: string; source?: ReconciliationSource; platformId?: string; operatorId?: string; limit: number; offset: number },
): Promise<StoredReconciliationRun[]> {
  const parameters: unknown[] = [query.from, query.to];
  const where = ['day BETWEEN $1::date AND $2::date'];
  if (query.source !== undefined) where.push(`source = $${parameters.push(query.source)}`);
  if (query.platformId !== undefined) where.push(`platform_id = $${parameters.push(query.platformId)}`);
  if (query.operatorId !== undefined) where.push(`operator_id = $${parameters.push(query.operatorId)}`);
  parameters.push(query.limit, query.offset);
  return (await dataSource.query(
    `SELECT * FROM (
       SELECT DISTINCT ON (source, platform_id, operator_id, day) ${RUN_COLUMNS}, day AS sort_day
         FROM reconciliation_runs WHERE ${where.join(' AND ')}
        ORDER BY source, platform_id, operator_id, day, ran_at DESC, run_id) latest
      ORDER BY sort_day DESC, source DESC, "platformId", "operatorId" LIMIT $${parameters.length - 1} OFFSET $${parameters.length}`,
    parameters,
  )) as StoredReconciliationRun[];
}

/** Completed runs not yet on the topic, oldest first, locked until the caller's transaction ends. */
export async function lockUnpublishedRuns(manager: EntityManager, limit: number): Promise<Array<{ runId: string; result: AnyReconciliationResultMessage }>> {
  return (await manager.query(
    `SELECT run_id AS "runId", result FROM reconciliation_runs WHERE published_at IS NULL AND status <> 'failed'
      ORDER BY ran_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  )) as Array<{ runId: string; result: AnyReconciliationResultMessage }>;
}

export async function markRunsPublished(manager: EntityManager, runIds: readonly string[]): Promise<void> {
  await manager.query(`UPDATE reconciliation_runs SET published_at = now() WHERE run_id = ANY($1::uuid[])`, [runIds]);
}

/** Players reconciled per aggregator, operator and day: more fail the run (never a silently partial result). */
export const AGGREGATOR_PLAYERS_PER_RUN_MAX = 2_000;

export class TooManyPlayersError extends Error {}

/**
 * Our side of an aggregator's day, per player: the transfers whose balance was read on the day,
 * the ones still open that were opened before the day ended, and the last settled transfer with a
 * reading before the day (what it left there). Players without a transfer on the day are included
 * only when that last transfer left money there (they could have played with it).
 */
export async function aggregatorPlayersOfDay(dataSource: DataSource, aggregatorId: string, operatorId: string, day: string): Promise<AggregatorPlayerDay[]> {
  const facts = (await dataSource.query(
    `WITH bounds AS (SELECT $3::date::timestamp AT TIME ZONE 'UTC' AS day_start, ($3::date + 1)::timestamp AT TIME ZONE 'UTC' AS day_end),
     of_day AS (
       SELECT f.*, 'day' AS part FROM aggregator_transfer_facts f, bounds
        WHERE f.aggregator_id = $1 AND f.operator_id = $2
          AND ((f.balance_read_at >= bounds.day_start AND f.balance_read_at < bounds.day_end) OR (f.state = 'pending' AND f.changed_at < bounds.day_end))),
     before_day AS (
       SELECT DISTINCT ON (f.player_id) f.*, 'before' AS part FROM aggregator_transfer_facts f, bounds
        WHERE f.aggregator_id = $1 AND f.operator_id = $2 AND f.state <> 'pending' AND f.balance_read_at < bounds.day_start
        ORDER BY f.player_id, f.balance_read_at DESC, f.transfer_id)
     SELECT part, transfer_id AS "transferId", player_id AS "userId", username, currency, direction, state, amount::text AS amount,
            balance_before AS "balanceBefore", to_char(balance_read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "balanceReadAt"
       FROM (SELECT * FROM of_day UNION ALL SELECT * FROM before_day) facts
      ORDER BY "userId", part, "balanceReadAt" NULLS LAST, "transferId"`,
    [aggregatorId, operatorId, day],
  )) as Array<TransferFactRow & { part: 'day' | 'before'; userId: string; username: string; currency: string }>;
  const players = new Map<string, { userId: string; username: string; currency: string; transfersOfDay: TransferFactRow[]; lastBefore: TransferFactRow | null }>();
  for (const fact of facts) {
    let player = players.get(fact.userId);
    if (!player) {
      player = { userId: fact.userId, username: fact.username, currency: fact.currency, transfersOfDay: [], lastBefore: null };
      players.set(fact.userId, player);
    }
    const row: TransferFactRow = { transferId: fact.transferId, direction: fact.direction, state: fact.state, amount: fact.amount, balanceBefore: fact.balanceBefore, balanceReadAt: fact.balanceReadAt };
    if (fact.part === 'day') player.transfersOfDay.push(row);
    else player.lastBefore = row;
  }
  const relevant = [...players.values()].filter((player) => player.transfersOfDay.length > 0 || leftMoneyThere(player.lastBefore));
  if (relevant.length > AGGREGATOR_PLAYERS_PER_RUN_MAX) throw new TooManyPlayersError(`more than ${AGGREGATOR_PLAYERS_PER_RUN_MAX} players of aggregator ${aggregatorId} (${operatorId}) on ${day}`);
  return relevant;
}

/** Whether a settled transfer left money there (its reading plus what it moved is not zero). Exact: compared as text after the arithmetic. */
function leftMoneyThere(transfer: TransferFactRow | null): boolean {
  if (transfer === null || transfer.balanceBefore === null) return false;
  const before = parseReportDecimal(transfer.balanceBefore, 'balance before');
  const moved = transfer.state === 'posted' ? (transfer.direction === 'deposit' ? 1n : -1n) * parseReportDecimal(transfer.amount, 'amount') : 0n;
  return before + moved !== 0n;
}
