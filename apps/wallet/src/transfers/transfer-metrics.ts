import { counter, gauge } from '@wallet-platform/service-kit';
import { OPEN_TRANSFER_STATES } from './transfer-state';

const openTransfers = gauge({
  name: 'wallet_aggregator_transfers_open',
  help: 'Aggregator transfers still in transit (pending, sending, unknown), by aggregator and state, as of the last resolver pass.',
  labelNames: ['aggregator', 'state'],
});

const oldestOpen = gauge({
  name: 'wallet_aggregator_transfer_oldest_open_seconds',
  help: 'Age of the oldest aggregator transfer still in transit, by aggregator, as of the last resolver pass (a stuck transfer keeps growing it).',
  labelNames: ['aggregator'],
});

const settled = counter({
  name: 'wallet_aggregator_transfers_settled_total',
  help: 'Aggregator transfers settled, by aggregator, outcome (posted, voided) and who decided (call, resolver, support).',
  labelNames: ['aggregator', 'outcome', 'by'],
});

const SETTLED_OUTCOMES = ['posted', 'voided'] as const;
const DECIDERS = ['call', 'resolver', 'support', 'other'] as const;

/**
 * What is open now. Every configured aggregator is reported in every open state (0 when none) and
 * with its settled counters, so its series exist before its first transfer; an aggregator no longer
 * configured is reported while it has open transfers.
 */
export function recordOpenTransfers(
  rows: ReadonlyArray<{ readonly aggregatorId: string; readonly state: string; readonly count: number; readonly oldestSeconds: number }>,
  configuredAggregatorIds: readonly string[] = [],
): void {
  openTransfers.reset();
  oldestOpen.reset();
  const oldest = new Map<string, number>();
  for (const aggregator of configuredAggregatorIds) {
    for (const state of OPEN_TRANSFER_STATES) openTransfers.set({ aggregator, state }, 0);
    for (const outcome of SETTLED_OUTCOMES) for (const by of DECIDERS) settled.inc({ aggregator, outcome, by }, 0);
    oldest.set(aggregator, 0);
  }
  for (const row of rows) {
    openTransfers.set({ aggregator: row.aggregatorId, state: row.state }, row.count);
    oldest.set(row.aggregatorId, Math.max(oldest.get(row.aggregatorId) ?? 0, row.oldestSeconds));
  }
  for (const [aggregator, seconds] of oldest) oldestOpen.set({ aggregator }, seconds);
}

export function countSettled(aggregatorId: string, outcome: 'posted' | 'voided', by: string): void {
  // `by` is bounded by the writers (call, resolver, support); anything else is counted as other.
  settled.inc({ aggregator: aggregatorId, outcome, by: by === 'call' || by === 'resolver' || by === 'support' ? by : 'other' });
}
