import { gauge } from '@wallet-platform/service-kit';
import { DriftSkipReason, type AggregatorBalanceDriftReport } from './balance-drift-check';

const drift = gauge({
  name: 'wallet_aggregator_balance_drift',
  help: "Money at a transfer-wallet aggregator that neither our transfers nor the players' play there explain, by aggregator, operator and currency, in currency units, as of the last balance check (0 on honest play).",
  labelNames: ['aggregator', 'operator', 'currency'],
});

const skipped = gauge({
  name: 'wallet_aggregator_balance_check_players_skipped',
  help: 'Players the last balance check of an aggregator left out, by reason (transfer-in-flight, balance-moving, unreadable).',
  labelNames: ['aggregator', 'reason'],
});

const checkedAt = gauge({
  name: 'wallet_aggregator_balance_check_timestamp_seconds',
  help: 'When the last balance check of an aggregator ran (Unix time): a check that stopped running leaves it behind.',
  labelNames: ['aggregator'],
});

/** The drift series set for each aggregator (prom-client removes a series by its full labels only). */
const driftSeries = new Map<string, ReadonlyArray<Record<'aggregator' | 'operator' | 'currency', string>>>();

/**
 * The last stored check of one aggregator, as metrics. Every replica reports the stored result
 * (whichever replica ran the pass), so the series agree and a drift that is gone is 0 everywhere.
 * The gauge is a float: fine for a metric of a figure whose exact value is in the report.
 */
export function recordBalanceDrift(report: AggregatorBalanceDriftReport): void {
  // A row that is no longer in the report (its account is gone) is removed, not left at its old value.
  for (const labels of driftSeries.get(report.aggregatorId) ?? []) drift.remove(labels);
  const series: Array<Record<'aggregator' | 'operator' | 'currency', string>> = [];
  for (const row of report.rows) {
    const labels = { aggregator: report.aggregatorId, operator: row.operatorId, currency: row.currency };
    drift.set(labels, Number(row.drift));
    series.push(labels);
  }
  driftSeries.set(report.aggregatorId, series);
  for (const reason of Object.values(DriftSkipReason)) {
    skipped.set({ aggregator: report.aggregatorId, reason }, report.rows.reduce((sum, row) => sum + row.playersSkipped[reason], 0));
  }
  checkedAt.set({ aggregator: report.aggregatorId }, Date.parse(report.checkedAt) / 1000);
}
