import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AggregatorLaunchPolicy } from '@wallet-platform/platform-registry';
import type { AggregatorSessionRecord, SessionEndReason } from './aggregator-session-state';

/** A note is for people: bounded, one line (as a transfer's). */
export const SESSION_NOTE_LENGTH_MAX = 500;

export class SessionLaunchInProgressError extends Error {
  constructor(readonly playerId: string) {
    super(`player ${playerId} has another aggregator session being opened`);
    this.name = 'SessionLaunchInProgressError';
  }
}

export interface NewAggregatorSession {
  readonly aggregatorId: string;
  readonly operatorId: string;
  readonly idempotencyKey: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly gameId: string;
  readonly currency: string;
  readonly launchPolicy: AggregatorLaunchPolicy;
}

const COLUMNS = `id, aggregator_id AS "aggregatorId", operator_id AS "operatorId", idempotency_key AS "idempotencyKey", player_id AS "playerId",
  aggregator_username AS "aggregatorUsername", game_id AS "gameId", currency, state, launch_policy AS "launchPolicy",
  deposit_transfer_id AS "depositTransferId", deposit_skipped AS "depositSkipped", ${iso('deposit_claimed_at')} AS "depositClaimedAt", launch_type AS "launchType", launch_content AS "launchContent",
  withdraw_attempts AS "withdrawAttempts", withdraw_transfer_id AS "withdrawTransferId", end_reason AS "endReason", end_note AS "endNote",
  ${iso('created_at')} AS "createdAt", ${iso('launched_at')} AS "launchedAt", ${iso('ending_since')} AS "endingSince", ${iso('ended_at')} AS "endedAt"`;

function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The SQL of aggregator sessions. Every change is conditional on the state it expects (and the
 * trigger refuses any other transition), so two writers (a retried launch and the sweep, two
 * replicas' sweeps) never undo each other: the second finds the row moved on and reads it as it is.
 * No money moves here: that is TransferStore's, through TransferSender.
 */
export class AggregatorSessionStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Records a new session (opening). Another session of the player not ended: SessionLaunchInProgressError; the same key raced in: that session. */
  async insert(session: NewAggregatorSession): Promise<AggregatorSessionRecord> {
    try {
      const [row] = (await this.dataSource.query(
        `INSERT INTO aggregator_sessions (id, aggregator_id, operator_id, idempotency_key, player_id, aggregator_username, game_id, currency, state, launch_policy)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'opening', $9::jsonb) RETURNING ${COLUMNS}`,
        [randomUUID(), session.aggregatorId, session.operatorId, session.idempotencyKey, session.playerId, session.aggregatorUsername, session.gameId, session.currency, JSON.stringify(session.launchPolicy)],
      )) as AggregatorSessionRecord[];
      return row;
    } catch (error) {
      const constraint = uniqueViolationOf(error);
      if (constraint === 'aggregator_sessions_idempotency_unique') {
        const raced = await this.byKey(session.operatorId, session.idempotencyKey);
        if (raced) return raced;
      }
      if (constraint === 'aggregator_sessions_one_live') throw new SessionLaunchInProgressError(session.playerId);
      throw error;
    }
  }

  async byKey(operatorId: string, idempotencyKey: string): Promise<AggregatorSessionRecord | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_sessions WHERE operator_id = $1 AND idempotency_key = $2`, [operatorId, idempotencyKey])) as AggregatorSessionRecord[];
    return rows[0] ?? null;
  }

  async find(id: string): Promise<AggregatorSessionRecord | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_sessions WHERE id = $1`, [id])) as AggregatorSessionRecord[];
    return rows[0] ?? null;
  }

  async mustFind(id: string): Promise<AggregatorSessionRecord> {
    const found = await this.find(id);
    if (!found) throw new Error(`no aggregator session ${id}`);
    return found;
  }

  /** The player of a launch (its status: a blocked player starts no session). */
  async player(playerId: string): Promise<SessionPlayer | null> {
    const rows = (await this.dataSource.query(`SELECT id, operator_id AS "operatorId", currency, status FROM players WHERE id = $1`, [playerId])) as SessionPlayer[];
    return rows[0] ?? null;
  }

  /** The player's session not ended, if any (at most one: the partial unique index). */
  async liveOfPlayer(playerId: string): Promise<AggregatorSessionRecord | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_sessions WHERE player_id = $1 AND state <> 'ended'`, [playerId])) as AggregatorSessionRecord[];
    return rows[0] ?? null;
  }

  async ofPlayer(playerId: string, limit: number): Promise<AggregatorSessionRecord[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_sessions WHERE player_id = $1 ORDER BY created_at DESC LIMIT $2`, [playerId, limit])) as AggregatorSessionRecord[];
  }

  /** The deposit of an opening session: its transfer, or none (nothing to move). Written once (the trigger keeps it). */
  async recordDeposit(id: string, transferId: string | null): Promise<AggregatorSessionRecord> {
    return this.update(
      id,
      `deposit_transfer_id = COALESCE(deposit_transfer_id, $2::uuid), deposit_skipped = deposit_skipped OR $2::uuid IS NULL`,
      `state = 'opening' AND deposit_transfer_id IS NULL`,
      [transferId],
    );
  }

  /**
   * The launch's right to open the deposit, taken while the session is still opening (once; a
   * retry keeps the first time). An ending that began before this finds the session not opening:
   * the launch then opens no deposit.
   */
  async claimDeposit(id: string): Promise<AggregatorSessionRecord> {
    return this.update(id, `deposit_claimed_at = COALESCE(deposit_claimed_at, now())`, `state = 'opening'`, []);
  }

  /** opening → launched, with what the aggregator answered (a retry of the launch answers it again). */
  async markLaunched(id: string, launch: { readonly type: 'url' | 'html'; readonly content: string }): Promise<AggregatorSessionRecord> {
    return this.update(id, `state = 'launched', launch_type = $2, launch_content = $3, launched_at = now()`, `state = 'opening'`, [launch.type, launch.content]);
  }

  /** opening or launched → ending, with why; a session already ending keeps its first reason. */
  async markEnding(id: string, reason: SessionEndReason): Promise<AggregatorSessionRecord> {
    return this.update(id, `state = 'ending', end_reason = $2, ending_since = now()`, `state IN ('opening', 'launched')`, [reason]);
  }

  /** An opening session whose deposit was voided: nothing of ours went there, it ends at once. */
  async endUnfunded(id: string, note: string): Promise<AggregatorSessionRecord> {
    return this.update(id, `state = 'ended', end_reason = 'deposit-voided', ending_since = now(), ended_at = now(), end_note = $2`, `state = 'opening'`, [boundNote(note)]);
  }

  /** The withdraw of the current attempt (for people reading the session). */
  async recordWithdraw(id: string, attempt: number, transferId: string): Promise<AggregatorSessionRecord> {
    return this.update(id, `withdraw_transfer_id = $3`, `state = 'ending' AND withdraw_attempts = $2`, [attempt, transferId]);
  }

  /** The attempt's withdraw was voided (nothing came back): the next attempt uses a new key. */
  async nextWithdrawAttempt(id: string, attempt: number, note: string): Promise<AggregatorSessionRecord> {
    return this.update(id, `withdraw_attempts = withdraw_attempts + 1, end_note = $3`, `state = 'ending' AND withdraw_attempts = $2`, [attempt, boundNote(note)]);
  }

  /** ending → ended. */
  async markEnded(id: string, note: string): Promise<AggregatorSessionRecord> {
    return this.update(id, `state = 'ended', ended_at = now(), end_note = $2`, `state = 'ending'`, [boundNote(note)]);
  }

  /**
   * The sessions the sweep looks at: every one ending (its withdraw is retried), and every one
   * opening or launched for longer than the idle limit (since its launch, or its creation).
   */
  async due(idleBefore: Date, limit: number): Promise<AggregatorSessionRecord[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM aggregator_sessions
        WHERE state = 'ending' OR (state IN ('opening', 'launched') AND COALESCE(launched_at, created_at) < $1)
        ORDER BY created_at LIMIT $2`,
      [idleBefore.toISOString(), limit],
    )) as AggregatorSessionRecord[];
  }

  /** Sessions not ended by aggregator and state, and the oldest ending one's age (metrics). */
  async liveCounts(): Promise<Array<{ aggregatorId: string; state: string; count: number; oldestEndingSeconds: number }>> {
    return (await this.dataSource.query(
      `SELECT aggregator_id AS "aggregatorId", state, count(*)::int AS count,
              COALESCE(EXTRACT(EPOCH FROM now() - min(ending_since)), 0)::float8 AS "oldestEndingSeconds"
         FROM aggregator_sessions WHERE state <> 'ended' GROUP BY aggregator_id, state`,
    )) as Array<{ aggregatorId: string; state: string; count: number; oldestEndingSeconds: number }>;
  }

  /** One conditional UPDATE; when the row is no longer as expected, it is answered as it is. */
  private async update(id: string, set: string, expected: string, parameters: unknown[]): Promise<AggregatorSessionRecord> {
    const [rows] = (await this.dataSource.query(`UPDATE aggregator_sessions SET ${set} WHERE id = $1 AND ${expected} RETURNING ${COLUMNS}`, [id, ...parameters])) as [AggregatorSessionRecord[], number];
    return rows[0] ?? (await this.mustFind(id));
  }
}

function boundNote(note: string): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = note.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return oneLine.length > SESSION_NOTE_LENGTH_MAX ? `${oneLine.slice(0, SESSION_NOTE_LENGTH_MAX - 1)}…` : oneLine;
}

function uniqueViolationOf(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}


/** A player as a launch needs them. */
export interface SessionPlayer {
  readonly id: string;
  readonly operatorId: string;
  readonly currency: string;
  readonly status: string;
}
