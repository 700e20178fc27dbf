import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { LedgerEventType } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { matchStoredRequest } from '../idempotency/idempotency';
import { openHouseAccount, openPlayerAccount, readPlayerBalance } from '../ledger/accounts';
import { HouseAccountPurpose } from '../ledger/ledger-kinds';
import { postLedgerTransaction } from '../ledger/ledger-posting';
import { stageLedgerEvent } from '../outbox/outbox';
import type { PlayerLock } from '../players/player-lock';
import { countSettled } from './transfer-metrics';
import { OPEN_TRANSFER_STATES, stepTouchesPlayer, TransferDirection, transferHousePurposes, transferLegs, transferPostingKey, TransferState, TransferStep } from './transfer-state';

/** A player as a transfer needs them. */
export interface TransferPlayer {
  readonly id: string;
  readonly operatorId: string;
  readonly currency: string;
}

/** One transfer as stored. Amounts and the aggregator's balance are decimal strings; times ISO 8601 UTC. */
export interface TransferRecord {
  readonly id: string;
  readonly aggregatorId: string;
  readonly operatorId: string;
  readonly idempotencyKey: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly direction: TransferDirection;
  readonly amount: string;
  readonly currency: string;
  readonly state: TransferState;
  readonly aggregatorBalanceBefore: string | null;
  readonly balanceReadAt: string | null;
  readonly sentAt: string | null;
  readonly outcomeNote: string | null;
  readonly aggregatorTxId: string | null;
  readonly aggregatorWalletTxId: string | null;
  readonly resolutionAttempts: number;
  readonly nextResolutionAt: string | null;
  readonly settledBy: string | null;
  readonly createdAt: string;
  readonly settledAt: string | null;
}

export interface OpenTransferRequest {
  readonly aggregatorId: string;
  readonly operatorId: string;
  readonly idempotencyKey: string;
  readonly playerId: string;
  readonly aggregatorUsername: string;
  readonly direction: TransferDirection;
  readonly amount: Money;
}

/** How a transfer ends. `settledBy` names who decided: the call's answer, the resolver, or support. */
export type TransferSettlement =
  | { readonly step: typeof TransferStep.Posted; readonly walletTxId: string | null; readonly txId: string | null; readonly note: string; readonly settledBy: string }
  | { readonly step: typeof TransferStep.Voided; readonly note: string; readonly settledBy: string };

export class TransferInFlightError extends Error {
  constructor(readonly playerId: string, readonly aggregatorId: string) {
    super(`player ${playerId} has a transfer with aggregator ${aggregatorId} in flight`);
    this.name = 'TransferInFlightError';
  }
}

export class TransferKeyReusedError extends Error {
  constructor(
    readonly idempotencyKey: string,
    readonly transferId: string,
    readonly differingFields: readonly string[] = [],
  ) {
    super(`idempotency key ${idempotencyKey} was used for another transfer (${transferId}; differs in ${differingFields.join(', ') || 'its request'})`);
    this.name = 'TransferKeyReusedError';
  }
}

/** A note is for people: bounded, one line. */
export const OUTCOME_NOTE_LENGTH_MAX = 500;

const COLUMNS = `id, aggregator_id AS "aggregatorId", operator_id AS "operatorId", idempotency_key AS "idempotencyKey", player_id AS "playerId",
  aggregator_username AS "aggregatorUsername", direction, amount::text AS amount, currency, state,
  aggregator_balance_before AS "aggregatorBalanceBefore", ${iso('balance_read_at')} AS "balanceReadAt", ${iso('sent_at')} AS "sentAt",
  outcome_note AS "outcomeNote", aggregator_tx_id AS "aggregatorTxId", aggregator_wallet_tx_id AS "aggregatorWalletTxId",
  resolution_attempts AS "resolutionAttempts", ${iso('next_resolution_at')} AS "nextResolutionAt", settled_by AS "settledBy",
  ${iso('created_at')} AS "createdAt", ${iso('settled_at')} AS "settledAt"`;

function iso(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * The one write path of aggregator transfers: every state change of a transfer and its ledger
 * posting happen here, together, in one database transaction. Each change is conditional on the
 * state it expects (and the trigger refuses any other transition), so two writers (the call's own
 * process and the resolver, two resolvers) can never both settle a transfer: the second finds it
 * settled and does nothing.
 */
export class TransferStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly playerLock: PlayerLock,
  ) {}

  /**
   * Records a new transfer (pending) and moves its money in transit, in one database transaction.
   * The same idempotency key again answers the stored transfer (`created: false`) and moves nothing.
   */
  async open(request: OpenTransferRequest): Promise<{ readonly transfer: TransferRecord; readonly created: boolean }> {
    const existing = await this.findByKey(this.dataSource.manager, request.operatorId, request.idempotencyKey);
    if (existing) return { transfer: this.replay(existing, request), created: false };
    try {
      return await this.underLock(request.playerId, stepTouchesPlayer(request.direction, TransferStep.Sent), (fence) =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          const id = randomUUID();
          const accounts = await this.accountsOf(manager, request.aggregatorId, { id: request.playerId, operatorId: request.operatorId, currency: request.amount.currencyCode });
          const { kind, legs } = transferLegs(request.direction, TransferStep.Sent, request.amount, accounts);
          const posted = await postLedgerTransaction(manager, { idempotencyKey: transferPostingKey(id, TransferStep.Sent), kind, currency: request.amount.currencyCode, legs }, fence);
          const [transfer] = (await manager.query(
            `INSERT INTO aggregator_transfers (id, aggregator_id, operator_id, idempotency_key, player_id, aggregator_username, direction, amount, currency, state, sent_ledger_transaction_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10) RETURNING ${COLUMNS}`,
            [id, request.aggregatorId, request.operatorId, request.idempotencyKey, request.playerId, request.aggregatorUsername, request.direction, request.amount.toDecimalString(), request.amount.currencyCode, posted.transactionId],
          )) as TransferRecord[];
          await stageTransferEvent(manager, transfer, posted.transactionId);
          return { transfer, created: true };
        }),
      );
    } catch (error) {
      const constraint = uniqueViolationOf(error);
      if (constraint === 'aggregator_transfers_one_in_flight') throw new TransferInFlightError(request.playerId, request.aggregatorId);
      if (constraint === 'aggregator_transfers_idempotency_unique') {
        // The same key raced in from another request: its transfer is the answer.
        const raced = await this.findByKey(this.dataSource.manager, request.operatorId, request.idempotencyKey);
        if (raced) return { transfer: this.replay(raced, request), created: false };
      }
      throw error;
    }
  }

  /**
   * pending → sending, with the aggregator balance read just before: from here on the call may have
   * been sent. `resolvableAt` (the call's deadline plus the arrival margin) is when the resolver
   * may first look at it, should this process die. False when the transfer is no longer pending (the resolver voided it as abandoned):
   * then the call must not be made.
   */
  async markSending(id: string, balanceBefore: string, balanceReadAt: Date, sentAt: Date, resolvableAt: Date): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE aggregator_transfers SET state = 'sending', aggregator_balance_before = $2, balance_read_at = $3, sent_at = $4, next_resolution_at = $5
        WHERE id = $1 AND state = 'pending'`,
      [id, balanceBefore, balanceReadAt.toISOString(), sentAt.toISOString(), resolvableAt.toISOString()],
    )) as [unknown, number];
    return affected === 1;
  }

  /** sending → unknown, or unknown again after a resolution that could not decide: money stays in transit. */
  async markUnknown(id: string, note: string, nextResolutionAt: Date, options: { readonly countAttempt: boolean }): Promise<TransferRecord> {
    const rows = (await this.dataSource.query(
      `UPDATE aggregator_transfers SET state = 'unknown', outcome_note = $2, next_resolution_at = $3,
              resolution_attempts = resolution_attempts + $4
        WHERE id = $1 AND state IN ('sending', 'unknown') RETURNING ${COLUMNS}`,
      [id, boundNote(note), nextResolutionAt.toISOString(), options.countAttempt ? 1 : 0],
    )) as [TransferRecord[], number];
    return rows[0][0] ?? (await this.mustFind(id));
  }

  /**
   * Ends a transfer (posted or voided) with its ledger posting, in one database transaction, if it
   * is still in one of `expected` states; otherwise changes nothing and answers it as it is.
   */
  async settle(id: string, expected: readonly TransferState[], settlement: TransferSettlement): Promise<TransferRecord> {
    const current = await this.mustFind(id);
    if (!expected.includes(current.state)) return current;
    return this.underLock(current.playerId, stepTouchesPlayer(current.direction, settlement.step), (fence) =>
      this.dataSource.transaction('READ COMMITTED', async (manager) => {
        const [locked] = (await manager.query(`SELECT ${COLUMNS} FROM aggregator_transfers WHERE id = $1 FOR UPDATE`, [id])) as TransferRecord[];
        if (!locked || !expected.includes(locked.state)) return locked ?? current;
        const amount = Money.parseOrThrow(locked.amount, AMOUNT_SCALE, currencyCodeOf(locked.currency));
        const accounts = await this.accountsOf(manager, locked.aggregatorId, { id: locked.playerId, operatorId: locked.operatorId, currency: locked.currency });
        const { kind, legs } = transferLegs(locked.direction, settlement.step, amount, accounts);
        const posted = await postLedgerTransaction(manager, { idempotencyKey: transferPostingKey(id, settlement.step), kind, currency: locked.currency, legs }, fence);
        const [[settled]] = (await manager.query(
          `UPDATE aggregator_transfers
              SET state = $2, settled_ledger_transaction_id = $3, settled_at = now(), settled_by = $4, outcome_note = $5,
                  aggregator_wallet_tx_id = $6, aggregator_tx_id = $7, next_resolution_at = NULL
            WHERE id = $1 RETURNING ${COLUMNS}`,
          [
            id,
            settlement.step === TransferStep.Posted ? TransferState.Posted : TransferState.Voided,
            posted.transactionId,
            settlement.settledBy,
            boundNote(settlement.note),
            settlement.step === TransferStep.Posted ? settlement.walletTxId : null,
            settlement.step === TransferStep.Posted ? settlement.txId : null,
          ],
        )) as [TransferRecord[], number];
        await stageTransferEvent(manager, settled, posted.transactionId);
        countSettled(settled.aggregatorId, settlement.step, settlement.settledBy);
        return settled;
      }),
    );
  }

  async find(id: string): Promise<TransferRecord | null> {
    const rows = (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_transfers WHERE id = $1`, [id])) as TransferRecord[];
    return rows[0] ?? null;
  }

  async mustFind(id: string): Promise<TransferRecord> {
    const found = await this.find(id);
    if (!found) throw new Error(`no aggregator transfer ${id}`);
    return found;
  }

  /** Open transfers whose resolution is due: stale pending ones, and sent ones past their next resolution time. */
  async due(now: Date, pendingStaleBefore: Date, limit: number): Promise<TransferRecord[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM aggregator_transfers
        WHERE (state = 'pending' AND created_at < $2)
           OR (state IN ('sending', 'unknown') AND COALESCE(next_resolution_at, sent_at) <= $1)
        ORDER BY COALESCE(next_resolution_at, created_at) LIMIT $3`,
      [now.toISOString(), pendingStaleBefore.toISOString(), limit],
    )) as TransferRecord[];
  }

  /** Open transfers by aggregator and state, with the oldest one's age (metrics). */
  async openCounts(): Promise<Array<{ aggregatorId: string; state: string; count: number; oldestSeconds: number }>> {
    return (await this.dataSource.query(
      `SELECT aggregator_id AS "aggregatorId", state, count(*)::int AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS "oldestSeconds"
         FROM aggregator_transfers WHERE state IN ('pending', 'sending', 'unknown') GROUP BY aggregator_id, state`,
    )) as Array<{ aggregatorId: string; state: string; count: number; oldestSeconds: number }>;
  }

  /** Every open transfer (for support and the back office), oldest first. */
  async listOpen(limit: number): Promise<TransferRecord[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_transfers WHERE state = ANY($1::text[]) ORDER BY created_at LIMIT $2`, [OPEN_TRANSFER_STATES, limit])) as TransferRecord[];
  }

  async ofPlayer(playerId: string, limit: number): Promise<TransferRecord[]> {
    return (await this.dataSource.query(`SELECT ${COLUMNS} FROM aggregator_transfers WHERE player_id = $1 ORDER BY created_at DESC LIMIT $2`, [playerId, limit])) as TransferRecord[];
  }

  async findPlayer(playerId: string): Promise<TransferPlayer | null> {
    const rows = (await this.dataSource.query(`SELECT id, operator_id AS "operatorId", currency FROM players WHERE id = $1`, [playerId])) as TransferPlayer[];
    return rows[0] ?? null;
  }

  /** The player's wallet balance in their currency ("0.00" without an account yet). */
  async walletBalance(player: TransferPlayer): Promise<string> {
    return (await readPlayerBalance(this.dataSource.manager, player.id, player.currency)) ?? '0.00';
  }

  /** For the balance check: the players who have money posted there, by operator and currency (at most `limit`). */
  async playersThere(aggregatorId: string, limit: number): Promise<Array<{ operatorId: string; currency: string; username: string }>> {
    return (await this.dataSource.query(
      `SELECT DISTINCT operator_id AS "operatorId", currency, aggregator_username AS username FROM aggregator_transfers
        WHERE aggregator_id = $1 AND state = 'posted' ORDER BY 1, 2, 3 LIMIT $2`,
      [aggregatorId, limit],
    )) as Array<{ operatorId: string; currency: string; username: string }>;
  }

  /** The held and in-transit balances of one aggregator by operator and currency (sums of entries; house accounts store none). */
  async houseBalances(aggregatorId: string): Promise<{ held: Array<{ operatorId: string; currency: string; amount: string }>; inTransit: Array<{ operatorId: string; currency: string; amount: string }> }> {
    const purposes = transferHousePurposes(aggregatorId);
    const sums = (purpose: string) =>
      this.dataSource.query(
        `SELECT a.operator_id AS "operatorId", a.currency, COALESCE(SUM(e.amount), 0)::text AS amount
           FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
          WHERE a.kind = 'house' AND a.house_purpose = $1 GROUP BY a.operator_id, a.currency`,
        [purpose],
      ) as Promise<Array<{ operatorId: string; currency: string; amount: string }>>;
    return { held: await sums(purposes.held), inTransit: await sums(purposes.inTransit) };
  }

  /** Which of these aggregator wallet tx ids are already attributed to another transfer of ours. */
  async walletTxIdsAttributed(aggregatorId: string, walletTxIds: readonly string[], exceptTransferId: string): Promise<Set<string>> {
    if (walletTxIds.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT aggregator_wallet_tx_id AS id FROM aggregator_transfers WHERE aggregator_id = $1 AND aggregator_wallet_tx_id = ANY($2::text[]) AND id <> $3`,
      [aggregatorId, walletTxIds, exceptTransferId],
    )) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /** The transfer of a caller's idempotency key, if any. */
  async byKey(operatorId: string, idempotencyKey: string): Promise<TransferRecord | null> {
    return this.findByKey(this.dataSource.manager, operatorId, idempotencyKey);
  }

  private async findByKey(manager: EntityManager, operatorId: string, idempotencyKey: string): Promise<TransferRecord | null> {
    const rows = (await manager.query(`SELECT ${COLUMNS} FROM aggregator_transfers WHERE operator_id = $1 AND idempotency_key = $2`, [operatorId, idempotencyKey])) as TransferRecord[];
    return rows[0] ?? null;
  }

  private replay(existing: TransferRecord, request: OpenTransferRequest): TransferRecord {
    return replayOrRefuse(existing, { playerId: request.playerId, aggregatorId: request.aggregatorId, direction: request.direction, amount: request.amount.toDecimalString(), currency: request.amount.currencyCode });
  }

  private async accountsOf(manager: EntityManager, aggregatorId: string, player: TransferPlayer): Promise<{ player: string; inTransit: string; held: string }> {
    const house = { operatorId: player.operatorId, currency: player.currency, scope: aggregatorId };
    return {
      player: await openPlayerAccount(manager, { playerId: player.id, operatorId: player.operatorId, currency: player.currency }),
      inTransit: await openHouseAccount(manager, { ...house, purpose: HouseAccountPurpose.AggregatorInTransit }),
      held: await openHouseAccount(manager, { ...house, purpose: HouseAccountPurpose.AggregatorHeld }),
    };
  }

  /** A posting on the player's own account needs the player's lock and its fence; house-only postings do not. */
  private underLock<T>(playerId: string, needed: boolean, work: (fence: bigint) => Promise<T>): Promise<T> {
    return needed ? this.playerLock.withPlayer(playerId, work) : work(0n);
  }
}

/**
 * The ledger event of a state change that posted (open: pending; settle: posted or voided), in the
 * posting's transaction: reporting reconciles the aggregator's player report with these facts.
 */
async function stageTransferEvent(manager: EntityManager, transfer: TransferRecord, ledgerTransactionId: string): Promise<void> {
  const state = transfer.state;
  if (state !== TransferState.Pending && state !== TransferState.Posted && state !== TransferState.Voided) {
    throw new Error(`transfer ${transfer.id}: no ledger event for state ${state}`);
  }
  await stageLedgerEvent(manager, {
    eventType: LedgerEventType.AggregatorTransferChanged,
    aggregatorId: transfer.aggregatorId,
    operatorId: transfer.operatorId,
    userId: transfer.playerId,
    transferId: transfer.id,
    aggregatorUsername: transfer.aggregatorUsername,
    direction: transfer.direction,
    state,
    amount: transfer.amount,
    currency: transfer.currency,
    aggregatorBalanceBefore: transfer.aggregatorBalanceBefore,
    balanceReadAt: transfer.balanceReadAt,
    sentAt: transfer.sentAt,
    ledgerTransactionId,
    occurredAt: transfer.settledAt ?? transfer.createdAt,
  });
}

function boundNote(note: string): string {
  // eslint-disable-next-line no-control-regex
  const oneLine = note.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return oneLine.length > OUTCOME_NOTE_LENGTH_MAX ? `${oneLine.slice(0, OUTCOME_NOTE_LENGTH_MAX - 1)}…` : oneLine;
}

function uniqueViolationOf(error: unknown): string | null {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } } | null)?.driverError;
  return driverError?.code === '23505' ? (driverError.constraint ?? null) : null;
}

/** What a retry must repeat: the fields that move money or name what is moved. */
export type TransferFingerprint = Readonly<{ playerId: string; aggregatorId: string; direction: string; amount: string; currency: string }>;

/**
 * A key seen before (idempotency.ts's rule): the same request answers the stored transfer, another
 * one is refused. `amount: null` in `incoming` (the whole-balance policy, whose amount is only
 * fixed when the transfer opens) leaves the amount and currency out of the comparison.
 */
export function replayOrRefuse(existing: TransferRecord, incoming: Omit<TransferFingerprint, 'amount' | 'currency'> & { amount: string | null; currency: string | null }): TransferRecord {
  const fingerprint = (record: { playerId: string; aggregatorId: string; direction: string; amount: string; currency: string }, withAmount: boolean) => ({
    playerId: record.playerId,
    aggregatorId: record.aggregatorId,
    direction: record.direction,
    ...(withAmount ? { amount: record.amount, currency: record.currency } : {}),
  });
  const withAmount = incoming.amount !== null && incoming.currency !== null;
  const match = matchStoredRequest(
    { fingerprint: fingerprint(existing, withAmount), outcome: existing },
    fingerprint({ ...incoming, amount: incoming.amount ?? '', currency: incoming.currency ?? '' }, withAmount),
  );
  if (match.kind === 'key-reused') throw new TransferKeyReusedError(existing.idempotencyKey, existing.id, match.differingFields);
  return existing;
}
