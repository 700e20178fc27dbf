import { ConflictException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { LedgerEventType } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { matchStoredRequest, postingIdempotencyKey } from '../../idempotency/idempotency';
import { openHouseAccount, openPlayerAccount } from '../../ledger/accounts';
import { assertNever, HouseAccountPurpose, PostingKind } from '../../ledger/ledger-kinds';
import { InsufficientFundsError, postLedgerTransaction, StaleWriterError } from '../../ledger/ledger-posting';
import { stageLedgerEvent } from '../../outbox/outbox';
import { PlayerBusyError, PlayerLock } from '../../players/player-lock';
import type { CashierOperationView } from './cashier.dto';

export type CashierKind = 'deposit' | 'withdrawal' | 'adjustment';

/** Each cashier movement's posting kind and the house account on its other side. */
const CASHIER_POSTINGS: Readonly<Record<CashierKind, { readonly kind: PostingKind; readonly house: HouseAccountPurpose }>> = {
  deposit: { kind: PostingKind.Deposit, house: HouseAccountPurpose.Cashier },
  withdrawal: { kind: PostingKind.Withdrawal, house: HouseAccountPurpose.Cashier },
  adjustment: { kind: PostingKind.Adjustment, house: HouseAccountPurpose.Adjustments },
};

export interface CashierMovement {
  readonly playerId: string;
  readonly kind: CashierKind;
  /** Signed: the change of the player's balance. */
  readonly amount: string;
  readonly idempotencyKey: string;
  readonly reason: string;
  readonly performedBy: string;
}

const VIEW_COLUMNS = `id AS "operationId", kind, amount::text AS amount, currency, balance_after::text AS "balanceAfter", reason,
  performed_by AS "performedBy", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt"`;

/**
 * Money the casino's staff moves: each movement is one balanced ledger transaction between the
 * player and a house account (`cashier` for deposits and withdrawals, `adjustments` for manual
 * corrections), under the player's lock, with the caller's idempotency key.
 */
@Injectable()
export class CashierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly playerLock: PlayerLock,
  ) {}

  async move(movement: CashierMovement): Promise<CashierOperationView> {
    const [player] = (await this.dataSource.query(`SELECT id, operator_id AS "operatorId", user_id AS "userId", currency FROM players WHERE id = $1`, [
      movement.playerId,
    ])) as Array<{ id: string; operatorId: string; userId: string; currency: string }>;
    if (!player) throw new NotFoundException({ error: 'player_not_found', message: `no player ${movement.playerId}` });
    const amount = Money.parseOrThrow(movement.amount, AMOUNT_SCALE, currencyCodeOf(player.currency));

    try {
      return await this.playerLock.withPlayer(player.id, (fence) =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          const existing = await this.findByKey(manager, player.operatorId, movement.idempotencyKey);
          if (existing) return this.replay(existing, movement, amount);
          const posting = CASHIER_POSTINGS[movement.kind];
          const playerAccount = await openPlayerAccount(manager, { playerId: player.id, operatorId: player.operatorId, currency: player.currency });
          const houseAccount = await openHouseAccount(manager, { operatorId: player.operatorId, currency: player.currency, purpose: posting.house });
          const posted = await postLedgerTransaction(
            manager,
            {
              idempotencyKey: postingIdempotencyKey({ kind: 'cashier', operatorId: player.operatorId, idempotencyKey: movement.idempotencyKey }),
              kind: posting.kind,
              currency: player.currency,
              legs: [
                { accountId: playerAccount, accountKind: 'player', amount },
                { accountId: houseAccount, accountKind: 'house', amount: amount.negate() },
              ],
            },
            fence,
          );
          const balanceAfter = posted.playerBalancesAfter.get(playerAccount) as string;
          const [operation] = (await manager.query(
            `INSERT INTO cashier_operations (operator_id, idempotency_key, player_id, kind, amount, currency, reason, performed_by, ledger_transaction_id, balance_after)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VIEW_COLUMNS}, player_id AS "playerId"`,
            [player.operatorId, movement.idempotencyKey, player.id, movement.kind, amount.toDecimalString(), player.currency, movement.reason, movement.performedBy, posted.transactionId, balanceAfter],
          )) as Array<CashierOperationView & { playerId: string }>;
          await stageLedgerEvent(manager, {
            eventType: LedgerEventType.CashierOperationApplied,
            operatorId: player.operatorId,
            userId: player.userId,
            operationId: operation.operationId,
            ledgerTransactionId: posted.transactionId,
            kind: movement.kind,
            amount: amount.toDecimalString(),
            currency: player.currency,
            balanceAfter,
            occurredAt: new Date().toISOString(),
          });
          const { playerId: _playerId, ...view } = operation;
          return view;
        }),
      );
    } catch (error) {
      if (error instanceof InsufficientFundsError) {
        throw new ConflictException({ error: 'insufficient_funds', message: `the player's balance does not cover ${amount.negate().toDecimalString()} ${player.currency}` });
      }
      if (isNumericOverflow(error)) {
        throw new ConflictException({ error: 'balance_out_of_range', message: 'the balance would exceed DECIMAL(18,2)' });
      }
      if (error instanceof PlayerBusyError || error instanceof StaleWriterError) {
        throw new ServiceUnavailableException({ error: 'player_busy', message: 'the player is in the middle of another operation; retry with the same idempotency key' });
      }
      throw error;
    }
  }

  private async findByKey(manager: EntityManager, operatorId: string, key: string): Promise<(CashierOperationView & { playerId: string }) | null> {
    const rows = (await manager.query(`SELECT ${VIEW_COLUMNS}, player_id AS "playerId" FROM cashier_operations WHERE operator_id = $1 AND idempotency_key = $2`, [
      operatorId,
      key,
    ])) as Array<CashierOperationView & { playerId: string }>;
    return rows[0] ?? null;
  }

  /** Same key, same request: the first result. Same key, another request: a conflict, nothing moves. */
  private replay(existing: CashierOperationView & { playerId: string }, movement: CashierMovement, amount: Money): CashierOperationView {
    const { playerId, ...view } = existing;
    const match = matchStoredRequest(
      { fingerprint: { playerId, kind: existing.kind, amount: existing.amount, reason: existing.reason }, outcome: view },
      { playerId: movement.playerId, kind: movement.kind, amount: amount.toDecimalString(), reason: movement.reason },
    );
    switch (match.kind) {
      case 'retry':
        return match.outcome;
      case 'key-reused':
        throw new ConflictException({
          error: 'idempotency_key_reused',
          message: `idempotency key ${movement.idempotencyKey} was used for another operation (${existing.operationId}): ${match.differingFields.join(', ')} differ`,
        });
      case 'new':
        throw new Error('a stored operation cannot be new');
      default:
        return assertNever(match);
    }
  }
}

/** PostgreSQL's numeric_value_out_of_range: a balance beyond numeric(18,2). */
function isNumericOverflow(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { driverError?: { code?: string } }).driverError?.code === '22003';
}
