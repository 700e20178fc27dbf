import type { DataSource } from 'typeorm';
import { GgrGrouping, PromotionGrouping, type GgrQuery, type PlayerDaysQuery, type PromotionWinsQuery } from './ggr-query';

/** One row of the GGR report: the grouping columns asked for, then every figure as text. */
export type GgrReportRow = Record<string, string>;

export const GGR_REPORT_FIGURES = [
  'bets_sum', 'bets_count', 'wins_sum', 'wins_count', 'freespin_wins_sum', 'freespin_wins_count', 'jackpot_wins_sum', 'jackpot_wins_count',
  'refunds_sum', 'refunds_count', 'canceled_bets_sum', 'canceled_bets_count', 'canceled_wins_sum', 'canceled_wins_count', 'rake_sum', 'ggr',
] as const;

const SCALE_OF_FIGURE: Record<(typeof GGR_REPORT_FIGURES)[number], string> = Object.fromEntries(
  GGR_REPORT_FIGURES.map((figure) => [figure, figure.endsWith('_count') ? 'bigint' : figure === 'rake_sum' ? 'numeric(18,4)' : 'numeric(18,2)']),
) as Record<(typeof GGR_REPORT_FIGURES)[number], string>;

/** A page of the report and whether another follows (one row more is read to tell). */
export async function queryGgrReport(dataSource: DataSource, query: GgrQuery): Promise<{ rows: GgrReportRow[]; hasMore: boolean }> {
  const groupColumns = query.groupBy.map((name) => GgrGrouping[name]);
  const select = [
    ...groupColumns.map((column) => (column === 'day' ? `to_char(day, 'YYYY-MM-DD') AS day` : column)),
    ...GGR_REPORT_FIGURES.map((figure) => `sum(${figure})::${SCALE_OF_FIGURE[figure]}::text AS ${figure}`),
  ];
  const parameters: unknown[] = [query.from, query.to];
  const where = ['day BETWEEN $1::date AND $2::date'];
  for (const [name, value] of Object.entries(query.filters)) {
    parameters.push(value);
    where.push(`${GgrGrouping[name as keyof typeof GgrGrouping]} = $${parameters.length}`);
  }
  parameters.push(query.pageSize + 1, (query.page - 1) * query.pageSize);
  const rows = (await dataSource.query(
    `SELECT ${select.join(', ')} FROM daily_game_totals WHERE ${where.join(' AND ')}
      GROUP BY ${groupColumns.join(', ')} ORDER BY ${groupColumns.join(', ')}
      LIMIT $${parameters.length - 1} OFFSET $${parameters.length}`,
    parameters,
  )) as GgrReportRow[];
  return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
}

/** RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they need it. */
export function ggrReportCsv(columns: readonly string[], rows: readonly GgrReportRow[]): string {
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns.join(','), ...rows.map((row) => columns.map((column) => field(row[column] ?? '')).join(','))].join('\r\n') + '\r\n';
}

export const PLAYER_DAY_COLUMNS = ['day', 'operator_id', 'platform_id', 'user_id', 'currency', 'bets_sum', 'bets_count', 'wins_sum', 'wins_count', 'refunds_sum', 'refunds_count', 'ggr'] as const;
const PLAYER_FILTER_COLUMNS = { operator: 'operator_id', platform: 'platform_id', user: 'user_id', currency: 'currency' } as const;

/** A page of player days, ordered by day, operator, platform, player and currency. */
export async function queryPlayerDays(dataSource: DataSource, query: PlayerDaysQuery): Promise<{ rows: GgrReportRow[]; hasMore: boolean }> {
  const parameters: unknown[] = [query.from, query.to];
  const where = ['day BETWEEN $1::date AND $2::date'];
  for (const [name, value] of Object.entries(query.filters)) {
    parameters.push(value);
    where.push(`${PLAYER_FILTER_COLUMNS[name as keyof typeof PLAYER_FILTER_COLUMNS]} = $${parameters.length}`);
  }
  parameters.push(query.pageSize + 1, (query.page - 1) * query.pageSize);
  const rows = (await dataSource.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, operator_id, platform_id, user_id, currency, bets_sum::text, bets_count::text,
            wins_sum::text, wins_count::text, refunds_sum::text, refunds_count::text, ggr::text
       FROM player_daily_totals WHERE ${where.join(' AND ')}
      ORDER BY day, operator_id, platform_id, user_id, currency
      LIMIT $${parameters.length - 1} OFFSET $${parameters.length}`,
    parameters,
  )) as GgrReportRow[];
  return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
}

export const PROMOTION_WINS_FIGURES = ['tournament_wins_sum', 'tournament_wins_count', 'promo_wins_sum', 'promo_wins_count'] as const;

/** A page of tournament and promotion prizes, grouped as asked (never mixed into the GGR). */
export async function queryPromotionWins(dataSource: DataSource, query: PromotionWinsQuery): Promise<{ rows: GgrReportRow[]; hasMore: boolean }> {
  const groupColumns = query.groupBy.map((name) => PromotionGrouping[name]);
  const select = [
    ...groupColumns.map((column) => (column === 'day' ? `to_char(day, 'YYYY-MM-DD') AS day` : column)),
    ...PROMOTION_WINS_FIGURES.map((figure) => `sum(${figure})::${figure.endsWith('_count') ? 'bigint' : 'numeric(18,2)'}::text AS ${figure}`),
  ];
  const parameters: unknown[] = [query.from, query.to];
  const where = ['day BETWEEN $1::date AND $2::date'];
  for (const [name, value] of Object.entries(query.filters)) {
    parameters.push(value);
    where.push(`${PromotionGrouping[name as keyof typeof PromotionGrouping]} = $${parameters.length}`);
  }
  parameters.push(query.pageSize + 1, (query.page - 1) * query.pageSize);
  const rows = (await dataSource.query(
    `SELECT ${select.join(', ')} FROM daily_promotion_totals WHERE ${where.join(' AND ')}
      GROUP BY ${groupColumns.join(', ')} ORDER BY ${groupColumns.join(', ')}
      LIMIT $${parameters.length - 1} OFFSET $${parameters.length}`,
    parameters,
  )) as GgrReportRow[];
  return { rows: rows.slice(0, query.pageSize), hasMore: rows.length > query.pageSize };
}
