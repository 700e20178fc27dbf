import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  GameTransactionStatus,
  WalletErrorKind,
  type CancelTransactionCommand,
  type CancelTransactionResult,
  type ChangeBalanceCommand,
  type ChangeBalanceResult,
  type FinishRoundCommand,
  type FinishRoundResult,
  type GameTransactionType,
  type TransactionStatusCommand,
  type TransactionStatusResult,
  type WalletError,
  type WalletReply,
} from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf, isCurrencyCode } from '@wallet-platform/money';
import { InsufficientFundsError, StaleWriterError } from '../ledger/ledger-posting';
import { PlayerDirectory } from '../players/player-directory';
import { PlayerStatus } from '../players/player.entity';
import { PlayerBusyError, PlayerLock } from '../players/player-lock';
import type { GameTransactionRecord } from './game-transaction.record';
import { isSameTransaction, refuseBet, refuseCredit } from './game-play.rules';
import {
  applyGameTransaction,
  finishRound,
  findGameTransaction,
  insertCancelMark,
  insertRefusedTransaction,
  markRefusedCanceled,
  playerAccounts,
  readBetFacts,
  reverseGameTransaction,
  type TransactionKey,
} from './game-play.store';

const UNIQUE_VIOLATION = '23505';

/**
 * BET, WIN, REFUND, cancel, status and finish-round on the ledger, exactly once. Each money
 * command runs under the player's lock, in one database transaction that first looks for the
 * platform transaction id: a retry finds the stored outcome and returns it unchanged. The unique
 * key on (platform, operator, transaction id) is the last guard if two writers ever overlap.
 */
@Injectable()
export class GamePlayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly players: PlayerDirectory,
    private readonly playerLock: PlayerLock,
  ) {}

  async changeBalance(command: ChangeBalanceCommand): Promise<WalletReply<ChangeBalanceResult>> {
    if (!isCurrencyCode(command.currency)) return refused(WalletErrorKind.CurrencyMismatch, 'Invalid currency');
    const amount = Money.parseOrThrow(command.amount, AMOUNT_SCALE, currencyCodeOf(command.currency));
    if (amount.isNegative()) throw new Error('amount must be non-negative (the gateway validates it)');
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const player = found.value;
    const key = keyOf(command.caller, command.transactionId);

    return this.underPlayerLock(player.id, (fence) =>
      this.inTransaction(async (manager) => {
        const stored = await findGameTransaction(manager, key);
        if (stored) return replayChangeBalance(stored, command, amount);

        const now = new Date();
        const refusedCredit = command.type === 'BET' ? null : refuseCredit(player.currency, command.currency);
        if (refusedCredit) {
          await insertRefusedTransaction(manager, key, player.id, command, amount, refusedCredit.kind);
          return { ok: false, error: refusedCredit };
        }
        const accounts = await playerAccounts(manager, player.operatorId, key.platformId, player.id, player.currency);
        if (command.type === 'BET') {
          const facts = await readBetFacts(
            manager,
            { playerId: player.id, operatorId: player.operatorId, platformId: key.platformId, token: command.token, gameId: command.gameId, currency: command.currency, now },
            { blocked: player.status === PlayerStatus.Blocked, currency: player.currency },
            accounts.balance,
          );
          const refusal = refuseBet(facts, amount, command.currency);
          if (refusal) {
            await insertRefusedTransaction(manager, key, player.id, command, amount, refusal.kind);
            return { ok: false, error: refusal };
          }
        }
        try {
          const balanceAfter = await applyGameTransaction(manager, key, player.id, accounts, command, amount, fence, now);
          return { ok: true, result: { balance: balanceAfter, currency: player.currency } };
        } catch (error) {
          // The balance moved between reading the facts and writing (only possible if the lock
          // was lost): the CHECK and the conditional update refused the write. Retryable.
          if (error instanceof InsufficientFundsError) throw new StaleWriterError(error.accountId);
          throw error;
        }
      }),
    );
  }

  async cancel(command: CancelTransactionCommand): Promise<WalletReply<CancelTransactionResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const player = found.value;
    const key = keyOf(command.caller, command.transactionId);
    const canceled: WalletReply<CancelTransactionResult> = {
      ok: true,
      result: { userId: command.userId, transactionId: command.transactionId, status: GameTransactionStatus.Canceled },
    };

    return this.underPlayerLock(player.id, (fence) =>
      this.inTransaction(async (manager) => {
        const stored = await findGameTransaction(manager, key);
        if (!stored) {
          await insertCancelMark(manager, key, command.userId, player.id);
          return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
        }
        if (stored.userId !== command.userId) return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
        if (stored.type === null) return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
        if (stored.status === GameTransactionStatus.Canceled) return canceled;
        if (stored.status === GameTransactionStatus.Error) {
          await markRefusedCanceled(manager, stored.id);
          return canceled;
        }
        const applied = stored as GameTransactionRecord & { type: GameTransactionType; amount: string; currency: string; gameId: string; roundId: string };
        const accounts = await playerAccounts(manager, player.operatorId, key.platformId, player.id, applied.currency);
        try {
          await manager.query('SAVEPOINT reverse_game_transaction');
          await reverseGameTransaction(manager, key, applied, accounts, command.roundFinished, fence, new Date());
        } catch (error) {
          if (error instanceof InsufficientFundsError) {
            // The player has spent the win: taking it back would overdraw. This will never
            // succeed by retrying, so the platform is told to stop (OP_49 on the Operator API).
            await manager.query('ROLLBACK TO SAVEPOINT reverse_game_transaction');
            return refused(WalletErrorKind.OperationFailed, 'Insufficient funds to reverse the transaction');
          }
          throw error;
        }
        return canceled;
      }),
    );
  }

  async status(command: TransactionStatusCommand): Promise<WalletReply<TransactionStatusResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const stored = await findGameTransaction(this.dataSource.manager, keyOf(command.caller, command.transactionId));
    if (!stored || stored.userId !== command.userId) return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
    return { ok: true, result: { userId: command.userId, transactionId: command.transactionId, status: stored.status } };
  }

  async finishRound(command: FinishRoundCommand): Promise<WalletReply<FinishRoundResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const round = await finishRound(this.dataSource.manager, command.caller.platformId, command.caller.operatorId, command.roundId, found.value.id);
    if (!round) return refused(WalletErrorKind.TransactionNotFound, 'Round not found');
    return { ok: true, result: { userId: command.userId, roundId: command.roundId, gameId: round.gameId } };
  }

  private async underPlayerLock<T>(playerId: string, work: (fence: bigint) => Promise<WalletReply<T>>): Promise<WalletReply<T>> {
    try {
      return await this.playerLock.withPlayer(playerId, work);
    } catch (error) {
      // Both are passing conditions: nothing was written, and the platform's retry will succeed.
      if (error instanceof PlayerBusyError || error instanceof StaleWriterError) return refused(WalletErrorKind.Internal, error.message);
      throw error;
    }
  }

  /** One attempt, and one more if a concurrent writer won the unique key: the retry then replays. */
  private async inTransaction<T>(work: (manager: EntityManager) => Promise<WalletReply<T>>): Promise<WalletReply<T>> {
    try {
      return await this.dataSource.transaction('READ COMMITTED', work);
    } catch (error) {
      if (isUniqueViolation(error)) return this.dataSource.transaction('READ COMMITTED', work);
      throw error;
    }
  }
}

/** The stored outcome of a transaction id we have seen, for an incoming changebalance. */
function replayChangeBalance(stored: GameTransactionRecord, command: ChangeBalanceCommand, amount: Money): WalletReply<ChangeBalanceResult> {
  if (stored.type === null) {
    // A cancel came first and was answered "not found": applying the transaction now would
    // contradict that answer, so it is refused for good.
    return refused(WalletErrorKind.OperationFailed, 'Transaction was canceled before it arrived');
  }
  const same = isSameTransaction(
    { type: stored.type, userId: stored.userId, amount: stored.amount as string, currency: stored.currency as string, gameId: stored.gameId as string, roundId: stored.roundId as string },
    { type: command.type, userId: command.userId, amount: amount.toDecimalString(), currency: command.currency, gameId: command.gameId, roundId: command.roundId },
  );
  if (!same) return refused(WalletErrorKind.DuplicateTransaction, 'Duplicated transaction ID');
  if (stored.errorKind) return refused(stored.errorKind, storedErrorMessage(stored.errorKind));
  return { ok: true, result: { balance: stored.balanceAfter as string, currency: stored.currency as string } };
}

function storedErrorMessage(kind: WalletErrorKind): string {
  return `Refused earlier: ${kind.toLowerCase().replace(/_/g, ' ')}`;
}

function keyOf(caller: { platformId: string; operatorId: string }, transactionId: string): TransactionKey {
  return { platformId: caller.platformId, operatorId: caller.operatorId, transactionId };
}

function refused<T>(kind: WalletErrorKind, message: string): WalletReply<T> {
  const error: WalletError = { kind, message };
  return { ok: false, error };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION;
}
