import type { AggregatorLaunchPolicy } from '@wallet-platform/platform-registry';

/**
 * An aggregator session's state (the migration's trigger allows exactly these transitions):
 * - `opening`: recorded; its deposit may be in flight, or done and the launch not yet answered;
 * - `launched`: the aggregator answered the launch: the player is (or may be) playing there;
 * - `ending`: the player came back, the back office ended it, or the sweep did: its money is being
 *   withdrawn (an attempt voided by the aggregator is tried again, under a new key);
 * - `ended`: everything there came back (or nothing of ours went there).
 */
export const AggregatorSessionState = { Opening: 'opening', Launched: 'launched', Ending: 'ending', Ended: 'ended' } as const;
export type AggregatorSessionState = (typeof AggregatorSessionState)[keyof typeof AggregatorSessionState];

/** Why a session ended. */
export const SessionEndReason = { BackOffice: 'back-office', PlayerReturned: 'player-returned', Swept: 'swept', DepositVoided: 'deposit-voided' } as const;
export type SessionEndReason = (typeof SessionEndReason)[keyof typeof SessionEndReason];

/** One session as stored; times ISO 8601 UTC. */
export interface AggregatorSessionRecord {
  readonly id: string;
  readonly aggregatorId: string;
  readonly operatorId: string;
  readonly idempotencyKey: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly gameId: string;
  readonly currency: string;
  readonly state: AggregatorSessionState;
  readonly launchPolicy: AggregatorLaunchPolicy;
  readonly depositTransferId: string | null;
  readonly depositSkipped: boolean;
  /** When the launch claimed the right to open the deposit (only while opening). */
  readonly depositClaimedAt: string | null;
  readonly launchType: 'url' | 'html' | null;
  readonly launchContent: string | null;
  readonly withdrawAttempts: number;
  readonly withdrawTransferId: string | null;
  readonly endReason: SessionEndReason | null;
  readonly endNote: string | null;
  readonly createdAt: string;
  readonly launchedAt: string | null;
  readonly endingSince: string | null;
  readonly endedAt: string | null;
}

/** The transfer keys of a session: deterministic, so a retry or a restarted process finds the same transfer. */
export function sessionDepositKey(sessionId: string): string {
  return `aggregator-session:${sessionId}:deposit`;
}

export function sessionWithdrawKey(sessionId: string, attempt: number): string {
  return `aggregator-session:${sessionId}:withdraw:${attempt}`;
}
