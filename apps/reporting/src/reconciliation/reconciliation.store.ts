import type { DataSource } from 'typeorm';
import type { OurBusinessRow } from './reconcile-business-report';

/** Our figures of a platform and day per vendor × currency, in the business report's shape. */
export async function ourBusinessRows(dataSource: DataSource, platformId: string, operatorId: string, day: string): Promise<OurBusinessRow[]> {
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
