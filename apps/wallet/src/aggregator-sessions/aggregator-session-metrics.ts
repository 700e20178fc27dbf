import { counter, gauge } from '@wallet-platform/service-kit';
import { AggregatorSessionState } from './aggregator-session-state';

const liveSessions = gauge({
  name: 'wallet_aggregator_sessions_live',
  help: 'Aggregator game sessions not ended (opening, launched, ending), by aggregator and state, as of the last sweep pass.',
  labelNames: ['aggregator', 'state'],
});

const oldestEnding = gauge({
  name: 'wallet_aggregator_session_oldest_ending_seconds',
  help: "Age of the oldest aggregator session still ending (its money not yet back), by aggregator, as of the last sweep pass (a withdraw that keeps failing keeps growing it).",
  labelNames: ['aggregator'],
});

const launches = counter({
  name: 'wallet_aggregator_session_launches_total',
  help: 'Aggregator game launches answered, by aggregator and outcome (launched, deposit_in_transit, withdraw_in_transit, deposit_voided).',
  labelNames: ['aggregator', 'outcome'],
});

const ends = counter({
  name: 'wallet_aggregator_sessions_ended_total',
  help: 'Aggregator game sessions ended (their money back), by aggregator and reason (back-office, player-returned, swept, deposit-voided).',
  labelNames: ['aggregator', 'reason'],
});

const LIVE_STATES = [AggregatorSessionState.Opening, AggregatorSessionState.Launched, AggregatorSessionState.Ending] as const;

/** What is live now; every configured aggregator is reported (0 when none) so its series exist before its first session. */
export function recordLiveSessions(
  rows: ReadonlyArray<{ readonly aggregatorId: string; readonly state: string; readonly count: number; readonly oldestEndingSeconds: number }>,
  configuredAggregatorIds: readonly string[] = [],
): void {
  liveSessions.reset();
  oldestEnding.reset();
  const oldest = new Map<string, number>();
  for (const aggregator of configuredAggregatorIds) {
    for (const state of LIVE_STATES) liveSessions.set({ aggregator, state }, 0);
    oldest.set(aggregator, 0);
  }
  for (const row of rows) {
    liveSessions.set({ aggregator: row.aggregatorId, state: row.state }, row.count);
    if (row.state === AggregatorSessionState.Ending) oldest.set(row.aggregatorId, Math.max(oldest.get(row.aggregatorId) ?? 0, row.oldestEndingSeconds));
  }
  for (const [aggregator, seconds] of oldest) oldestEnding.set({ aggregator }, seconds);
}

export function countLaunch(aggregatorId: string, outcome: 'launched' | 'deposit_in_transit' | 'withdraw_in_transit' | 'deposit_voided'): void {
  launches.inc({ aggregator: aggregatorId, outcome });
}

export function countEnded(aggregatorId: string, reason: string): void {
  ends.inc({ aggregator: aggregatorId, reason });
}
