import { AggregatorArgumentError, AggregatorBadResponseError, AggregatorRefusedError, AggregatorUnavailableError } from '@wallet-platform/aggregator-client';
import type { ReconciledAggregator } from './reconciliation-aggregators';
import { formatReportDecimal, parseReportDecimal, ReportDecimalError } from './report-decimal';

/** Report pages read per player and day (up to 100 items a page; a day has 24 hourly items): a longer walk fails the run. */
export const REPORT_PAGES_PER_PLAYER_MAX = 10;

/** The aggregator's report could not be had or read: the run fails, naming it (never a partial result). */
export class AggregatorReportError extends Error {}

/** Where an aggregator's per-player day comes from (the aggregator client; a test may give another). */
export interface AggregatorReportSource {
  /** `playerWinLoss` of the player summed over the items of the UTC day, exact decimal text (base currency). */
  playerDay(aggregator: ReconciledAggregator, username: string, day: string): Promise<{ readonly playerWinLoss: string }>;
}

/**
 * `playerDailyReport` through each aggregator's client. The report is asked
 * for the day's bounds, and only items whose `timestamp` falls inside the day are summed (the
 * document's items are per hour; an item at the next midnight belongs to the next day).
 */
export class AggregatorDailyReports implements AggregatorReportSource {
  async playerDay(aggregator: ReconciledAggregator, username: string, day: string): Promise<{ readonly playerWinLoss: string }> {
    const client = aggregator.client;
    const start = Date.parse(`${day}T00:00:00Z`);
    const end = start + 86_400_000;
    const perPage = client.pageSizeMax;
    let sum = 0n;
    try {
      for (let page = 1; ; page += 1) {
        if (page > REPORT_PAGES_PER_PLAYER_MAX) throw new AggregatorReportError(`playerDailyReport of ${username} on ${day} has more than ${REPORT_PAGES_PER_PLAYER_MAX} pages`);
        const answer = await client.playerDailyReport({ username, from: new Date(start).toISOString(), to: new Date(end).toISOString(), page, perPage });
        for (const item of answer.items) {
          const at = Date.parse(item.timestamp);
          if (at >= start && at < end) sum += parseReportDecimal(item.playerWinLoss, `playerWinLoss of ${username} at ${item.timestamp}`);
        }
        if (!answer.paging.hasNext) break;
      }
    } catch (error) {
      // An argument the client refuses (a username of our facts it cannot send) fails the run too, named, rather than the request.
      if (error instanceof AggregatorRefusedError || error instanceof AggregatorUnavailableError || error instanceof AggregatorBadResponseError || error instanceof AggregatorArgumentError || error instanceof ReportDecimalError) {
        throw new AggregatorReportError(error.message);
      }
      throw error;
    }
    return { playerWinLoss: formatReportDecimal(sum) };
  }
}
