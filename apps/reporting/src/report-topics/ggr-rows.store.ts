import type { EntityManager } from 'typeorm';
import { DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION, reportSchemaId, type DailyGgrRowMessage } from '@wallet-platform/contracts';

/**
 * Takes up to `limit` changed GGR rows, locked until the caller's transaction ends (replicas skip
 * them), with their current figures summed over games.
 */
export async function lockChangedGgrRows(manager: EntityManager, limit: number): Promise<DailyGgrRowMessage[]> {
  const rows = (await manager.query(
    `WITH pending AS (
       SELECT day, operator_id, platform_id, vendor, currency FROM ggr_rows_to_publish
        ORDER BY changed_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     SELECT to_char(p.day, 'YYYY-MM-DD') AS day, p.operator_id AS "operatorId", p.platform_id AS "platformId", p.vendor, p.currency,
       COALESCE(sum(t.bets_sum), 0)::numeric(18,2)::text AS "betsSum", COALESCE(sum(t.bets_count), 0)::text AS "betsCount",
       COALESCE(sum(t.wins_sum), 0)::numeric(18,2)::text AS "winsSum", COALESCE(sum(t.wins_count), 0)::text AS "winsCount",
       COALESCE(sum(t.freespin_wins_sum), 0)::numeric(18,2)::text AS "freeSpinWinsSum", COALESCE(sum(t.freespin_wins_count), 0)::text AS "freeSpinWinsCount",
       COALESCE(sum(t.jackpot_wins_sum), 0)::numeric(18,2)::text AS "jackpotWinsSum", COALESCE(sum(t.jackpot_wins_count), 0)::text AS "jackpotWinsCount",
       COALESCE(sum(t.refunds_sum), 0)::numeric(18,2)::text AS "refundsSum", COALESCE(sum(t.refunds_count), 0)::text AS "refundsCount",
       COALESCE(sum(t.canceled_bets_sum), 0)::numeric(18,2)::text AS "canceledBetsSum", COALESCE(sum(t.canceled_bets_count), 0)::text AS "canceledBetsCount",
       COALESCE(sum(t.canceled_wins_sum), 0)::numeric(18,2)::text AS "canceledWinsSum", COALESCE(sum(t.canceled_wins_count), 0)::text AS "canceledWinsCount",
       COALESCE(sum(t.canceled_refunds_sum), 0)::numeric(18,2)::text AS "canceledRefundsSum", COALESCE(sum(t.canceled_refunds_count), 0)::text AS "canceledRefundsCount",
       COALESCE(sum(t.rake_sum), 0)::numeric(18,4)::text AS "rakeSum", COALESCE(sum(t.ggr), 0)::numeric(18,2)::text AS ggr,
       to_char(COALESCE(max(t.updated_at), now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
     FROM pending p
     LEFT JOIN daily_game_totals t ON t.day = p.day AND t.operator_id = p.operator_id AND t.platform_id = p.platform_id AND t.vendor = p.vendor AND t.currency = p.currency
     GROUP BY p.day, p.operator_id, p.platform_id, p.vendor, p.currency
     ORDER BY p.day, p.operator_id, p.platform_id, p.vendor, p.currency`,
    [limit],
  )) as Array<Omit<DailyGgrRowMessage, 'schemaId' | 'schemaVersion'>>;
  return rows.map((row) => ({ schemaId: reportSchemaId(DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION), schemaVersion: DAILY_GGR_ROW_SCHEMA_VERSION, ...row }));
}

export async function forgetPublishedGgrRows(manager: EntityManager, rows: readonly DailyGgrRowMessage[]): Promise<void> {
  await manager.query(
    `DELETE FROM ggr_rows_to_publish p USING unnest($1::date[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[]) AS k(day, operator_id, platform_id, vendor, currency)
      WHERE p.day = k.day AND p.operator_id = k.operator_id AND p.platform_id = k.platform_id AND p.vendor = k.vendor AND p.currency = k.currency`,
    [rows.map((r) => r.day), rows.map((r) => r.operatorId), rows.map((r) => r.platformId), rows.map((r) => r.vendor), rows.map((r) => r.currency)],
  );
}
