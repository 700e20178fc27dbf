import type { EntityManager } from 'typeorm';
import { DAILY_GGR_ROW_SCHEMA_NAME, DAILY_GGR_ROW_SCHEMA_VERSION, reportSchemaId, type DailyGgrRowMessage } from '@wallet-platform/contracts';

/**
 * Takes up to `limit` changed GGR rows, locked until the caller's transaction ends (replicas skip
 * them), with their current figures summed over games, and the day's prizes summed over campaigns.
 */
export async function lockChangedGgrRows(manager: EntityManager, limit: number): Promise<DailyGgrRowMessage[]> {
  const rows = (await manager.query(
    `WITH pending AS (
       SELECT day, operator_id, platform_id, vendor, currency FROM ggr_rows_to_publish
        ORDER BY changed_at LIMIT $1 FOR UPDATE SKIP LOCKED
   ), games AS (
     SELECT p.day AS key_day, to_char(p.day, 'YYYY-MM-DD') AS day, p.operator_id AS "operatorId", p.platform_id AS "platformId", p.vendor, p.currency,
       COALESCE(sum(t.bets_sum), 0)::numeric(18,2)::text AS "betsSum", COALESCE(sum(t.bets_count), 0)::text AS "betsCount",
       COALESCE(sum(t.wins_sum), 0)::numeric(18,2)::text AS "winsSum", COALESCE(sum(t.wins_count), 0)::text AS "winsCount",
       COALESCE(sum(t.freespin_wins_sum), 0)::numeric(18,2)::text AS "freeSpinWinsSum", COALESCE(sum(t.freespin_wins_count), 0)::text AS "freeSpinWinsCount",
       COALESCE(sum(t.jackpot_wins_sum), 0)::numeric(18,2)::text AS "jackpotWinsSum", COALESCE(sum(t.jackpot_wins_count), 0)::text AS "jackpotWinsCount",
       COALESCE(sum(t.refunds_sum), 0)::numeric(18,2)::text AS "refundsSum", COALESCE(sum(t.refunds_count), 0)::text AS "refundsCount",
       COALESCE(sum(t.canceled_bets_sum), 0)::numeric(18,2)::text AS "canceledBetsSum", COALESCE(sum(t.canceled_bets_count), 0)::text AS "canceledBetsCount",
       COALESCE(sum(t.canceled_wins_sum), 0)::numeric(18,2)::text AS "canceledWinsSum", COALESCE(sum(t.canceled_wins_count), 0)::text AS "canceledWinsCount",
       COALESCE(sum(t.canceled_refunds_sum), 0)::numeric(18,2)::text AS "canceledRefundsSum", COALESCE(sum(t.canceled_refunds_count), 0)::text AS "canceledRefundsCount",
       COALESCE(sum(t.rake_sum), 0)::numeric(18,4)::text AS "rakeSum", COALESCE(sum(t.ggr), 0)::numeric(18,2)::text AS ggr,
       max(t.updated_at) AS updated_at
     FROM pending p
     LEFT JOIN daily_game_totals t ON t.day = p.day AND t.operator_id = p.operator_id AND t.platform_id = p.platform_id AND t.vendor = p.vendor AND t.currency = p.currency
     GROUP BY p.day, p.operator_id, p.platform_id, p.vendor, p.currency
   ), prizes AS (
     SELECT z.day, z.operator_id, z.platform_id, z.vendor, z.currency,
       sum(z.tournament_wins_sum) AS tournament_wins_sum, sum(z.tournament_wins_count) AS tournament_wins_count,
       sum(z.promo_wins_sum) AS promo_wins_sum, sum(z.promo_wins_count) AS promo_wins_count, max(z.updated_at) AS updated_at
       FROM daily_promotion_totals z JOIN pending p
         ON z.day = p.day AND z.operator_id = p.operator_id AND z.platform_id = p.platform_id AND z.vendor = p.vendor AND z.currency = p.currency
      GROUP BY z.day, z.operator_id, z.platform_id, z.vendor, z.currency
   )
   SELECT g.day, g."operatorId", g."platformId", g.vendor, g.currency, g."betsSum", g."betsCount", g."winsSum", g."winsCount",
     g."freeSpinWinsSum", g."freeSpinWinsCount", g."jackpotWinsSum", g."jackpotWinsCount", g."refundsSum", g."refundsCount",
     g."canceledBetsSum", g."canceledBetsCount", g."canceledWinsSum", g."canceledWinsCount", g."canceledRefundsSum", g."canceledRefundsCount",
     g."rakeSum", g.ggr,
     COALESCE(z.tournament_wins_sum, 0)::numeric(18,2)::text AS "tournamentWinsSum", COALESCE(z.tournament_wins_count, 0)::text AS "tournamentWinsCount",
     COALESCE(z.promo_wins_sum, 0)::numeric(18,2)::text AS "promoWinsSum", COALESCE(z.promo_wins_count, 0)::text AS "promoWinsCount",
     to_char(COALESCE(GREATEST(g.updated_at, z.updated_at), now()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
     FROM games g LEFT JOIN prizes z
       ON z.day = g.key_day AND z.operator_id = g."operatorId" AND z.platform_id = g."platformId" AND z.vendor = g.vendor AND z.currency = g.currency
    ORDER BY g.day, g."operatorId", g."platformId", g.vendor, g.currency`,
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
