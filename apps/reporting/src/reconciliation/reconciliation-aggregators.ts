import { AggregatorClient } from '@wallet-platform/aggregator-client';
import { reconciledAggregatorsOf, type PlatformRegistry } from '@wallet-platform/platform-registry';

/**
 * An aggregator whose `playerDailyReport` we reconcile: a platform registry entry of protocol
 * `aggregator` with `reconciliation` (docs/platform-registry.md):
 * - `baseCurrency`: the agent's base currency, in which the aggregator's report is;
 * - `operatorIds`: the operators whose players play there (one run per aggregator, operator and day).
 */
export interface ReconciledAggregator {
  readonly aggregatorId: string;
  readonly operatorIds: readonly string[];
  readonly baseCurrency: string;
  readonly client: AggregatorClient;
}

/** The registry's reconciled aggregators, each with its client (built at start-up: a bad entry stops the service). */
export function reconciledAggregatorsFrom(registry: PlatformRegistry): readonly ReconciledAggregator[] {
  return reconciledAggregatorsOf(registry).map((entry) => ({
    aggregatorId: entry.platformId,
    operatorIds: entry.reconciliation.operatorIds,
    baseCurrency: entry.reconciliation.baseCurrency,
    client: AggregatorClient.fromRegistry(entry),
  }));
}
