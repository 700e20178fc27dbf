import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { GameTransactionType, WalletCommandType, WalletErrorKind, type WalletReply } from '@wallet-platform/contracts';
import type { LockHandle } from '@wallet-platform/locks';
import { BatchCoalescer, type BatchedCommand, type CommandBatchHandler } from '@wallet-platform/messaging';
import { assertNever, HouseAccountPurpose, houseAccountPurposeText } from '../ledger/ledger-kinds';
import { PlayerLock } from '../players/player-lock';
import { decodeMoneyCommand, MONEY_COMMAND_TYPES, type MoneyCommand } from './money-command';
import { decidePlay, type MoneyReply } from './play-decision';
import { accountKey, houseKey, playerKey, playerRoundKey, type PlayState } from './play-state';
import { countWinWithoutBet } from './game-play.metrics';
import type { GameTransactionRow } from './play-writes';
import { openMissingAccounts } from '../ledger/accounts';
import { findPlayerIds, PlayWriteConflictError, readPlayState, writePlay } from './play-store';

/** Most commands decided and written in one database transaction. */
export const COMMANDS_PER_BATCH_MAX = 500;
/** Batches in progress at once (one deciding while another commits keeps both cores busy). */
export const BATCHES_IN_FLIGHT_MAX = 2;
/** Tries of one batch when its state changed under it (a lost lock, a concurrent first write). */
const BATCH_ATTEMPTS_MAX = 3;
/** Player ids kept in memory (the mapping from operator and user id never changes). */
const PLAYER_ID_CACHE_MAX = 200_000;

const UNIQUE_VIOLATION = '23505';
const NUMERIC_OUT_OF_RANGE = '22003';

export interface EngineLog {
  (level: 'error' | 'warn' | 'info' | 'debug', message: string, fields?: Record<string, unknown>): void;
}
export const ENGINE_LOG = Symbol('ENGINE_LOG');

/**
 * The wallet's money commands (changebalance, cancel), a batch at a time:
 * 1. every command is checked against its schema (a malformed one is refused, never a crash);
 * 2. the players of the batch are locked in one Redis round trip, with fences;
 * 3. one statement reads everything the batch needs;
 * 4. the commands are decided in memory, in order (play-decision.ts: no I/O, one place for rules);
 * 5. one statement writes the whole outcome, atomically, as compare-and-set on what was read:
 *    two round trips to PostgreSQL and one commit per batch, whatever its size.
 * A batch whose write fails falls back to halves, down to single commands, so that one bad
 * command gets its own precise answer and the others still succeed. Batches of many partitions
 * are gathered into one (BatchCoalescer), so batching grows with load and adds no wait when idle.
 */
@Injectable()
export class GamePlayEngine implements CommandBatchHandler {
  readonly messageTypes = MONEY_COMMAND_TYPES;
  private readonly coalescer = new BatchCoalescer<BatchedCommand, unknown>((commands) => this.process(commands), COMMANDS_PER_BATCH_MAX, BATCHES_IN_FLIGHT_MAX);
  private readonly playerIds = new Map<string, string>();
  private readonly log: EngineLog;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly playerLock: PlayerLock,
    @Optional() @Inject(ENGINE_LOG) log?: EngineLog,
  ) {
    this.log = log ?? (() => undefined);
  }

  handleBatch(commands: readonly BatchedCommand[]): Promise<readonly unknown[]> {
    return this.coalescer.submit(commands);
  }

  /** Decodes, then runs the valid commands as one batch; answers in the order of `commands`. */
  async process(commands: readonly BatchedCommand[]): Promise<unknown[]> {
    const replies: unknown[] = new Array(commands.length);
    const valid: MoneyCommand[] = [];
    const positions: number[] = [];
    commands.forEach((command, index) => {
      const decoded = decodeMoneyCommand(command.type, command.payload);
      if (decoded.ok) {
        valid.push(decoded.value);
        positions.push(index);
      } else {
        this.log('error', 'command refused: it breaks the command schema', { type: command.type, problem: decoded.problem, requestId: command.requestId });
        replies[index] = refused(WalletErrorKind.InvalidCommand, `Invalid command: ${decoded.problem}`);
      }
    });
    const answers = await this.run(valid);
    answers.forEach((answer, index) => (replies[positions[index]] = answer));
    return replies;
  }

  /** Runs valid money commands: their players locked for the whole run, the batch with its fallback. */
  async run(commands: readonly MoneyCommand[]): Promise<MoneyReply[]> {
    if (commands.length === 0) return [];
    const playerIds = await this.resolvePlayerIds(commands);
    const locks = await this.playerLock.lockPlayers([...new Set(playerIds.values())]);
    try {
      const replies: MoneyReply[] = new Array(commands.length);
      const runnable: MoneyCommand[] = [];
      const positions: number[] = [];
      commands.forEach((command, index) => {
        const playerId = playerIds.get(playerKey(command.command.caller.operatorId, command.command.userId));
        if (playerId !== undefined && !locks.held.has(playerId)) {
          // Nothing was written, and the platform's retry will succeed (OP_50 on the Operator API).
          replies[index] = refused(WalletErrorKind.Internal, `player ${playerId} is busy`);
        } else {
          runnable.push(command);
          positions.push(index);
        }
      });
      const answers = await this.runWithFallback(runnable, playerIds, locks.held);
      answers.forEach((answer, index) => (replies[positions[index]] = answer));
      return replies;
    } finally {
      await this.playerLock.unlockPlayers(locks.held.values());
    }
  }

  /** The whole batch in one transaction; if it cannot be written, each half on its own, down to one command. */
  private async runWithFallback(commands: readonly MoneyCommand[], playerIds: ReadonlyMap<string, string>, locks: Map<string, LockHandle>): Promise<MoneyReply[]> {
    if (commands.length === 0) return [];
    try {
      return await this.runBatch(commands, playerIds, locks);
    } catch (error) {
      if (commands.length === 1) return [this.answerForFailure(commands[0], error)];
      this.log('warn', 'batch could not be written: splitting it', { commands: commands.length, error: describe(error) });
      const middle = Math.ceil(commands.length / 2);
      // Halves in order, one after the other: each player's commands keep their order.
      const first = await this.runWithFallback(commands.slice(0, middle), playerIds, locks);
      const second = await this.runWithFallback(commands.slice(middle), playerIds, locks);
      return [...first, ...second];
    }
  }

  private async runBatch(commands: readonly MoneyCommand[], playerIds: ReadonlyMap<string, string>, locks: Map<string, LockHandle>): Promise<MoneyReply[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attemptBatch(commands, playerIds, locks);
      } catch (error) {
        if (attempt >= BATCH_ATTEMPTS_MAX) throw error;
        if (error instanceof StaleFencesError) {
          // Redis lost the fence counters (restart, flush): take these players' locks again, their
          // fences lifted above what the database stored, and decide again on fresh state.
          this.log('warn', 'lock fences below the stored ones: locking again above them', { players: error.floors.size });
          await this.relock(error.floors, locks);
          continue;
        }
        // A concurrent writer won a unique key or a compare-and-set: the next attempt reads its
        // outcome (a retry then replays).
        if (error instanceof PlayWriteConflictError || isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  private async attemptBatch(commands: readonly MoneyCommand[], playerIds: ReadonlyMap<string, string>, locks: Map<string, LockHandle>): Promise<MoneyReply[]> {
    const fences = new Map([...locks].map(([playerId, handle]) => [playerId, handle.fence]));
    // No explicit transaction: the read is one statement (one snapshot), the write is one
    // statement that checks, by compare-and-set, that nothing it decided on has changed since.
    return this.withClient(async (client) => {
      const now = new Date();
      const query = stateQuery(commands, playerIds, locks, now);
      let state = await readPlayState(client, query);
      const missing = missingAccounts(state, query.houseAccounts);
      if (missing.players.length > 0 || missing.houses.length > 0) {
        await openMissingAccounts(client, missing.players, missing.houses);
        state = await readPlayState(client, query);
      }
      const floors = staleFences(state, fences);
      if (floors.size > 0) throw new StaleFencesError(floors);
      const decision = decidePlay(state, commands);
      await writePlay(client, decision.writes, fences, now);
      this.reportWinsWithoutBet(decision.writes.insertedTransactions);
      return decision.replies;
    });
  }

  private async relock(floors: ReadonlyMap<string, bigint>, locks: Map<string, LockHandle>): Promise<void> {
    const old = [...floors.keys()].map((playerId) => locks.get(playerId)).filter((handle): handle is LockHandle => handle !== undefined);
    await this.playerLock.unlockPlayers(old);
    for (const playerId of floors.keys()) locks.delete(playerId);
    const again = await this.playerLock.lockPlayers([...floors.keys()], floors);
    for (const [playerId, handle] of again.held) locks.set(playerId, handle);
    if (again.busy.length > 0) throw new Error(`players ${again.busy.join(', ')} were taken by another holder while their locks were renewed`);
  }

  /** After the commit, so that an attempt undone by a conflict is not counted. */
  private reportWinsWithoutBet(rows: readonly GameTransactionRow[]): void {
    for (const row of rows) {
      if (!row.winWithoutBet) continue;
      countWinWithoutBet(row.platformId, row.reason);
      this.log('warn', 'WIN paid on a round without a BET', {
        platformId: row.platformId,
        operatorId: row.operatorId,
        userId: row.userId,
        transactionId: row.transactionId,
        roundId: row.roundId,
        amount: row.amount,
        currency: row.currency,
        reason: row.reason,
      });
    }
  }

  /** The answer of a single command that cannot be written: precise where the cause is known. */
  private answerForFailure(command: MoneyCommand, error: unknown): MoneyReply {
    const fields = { type: command.type, id: idOf(command), error: describe(error) };
    if (hasCode(error, NUMERIC_OUT_OF_RANGE)) {
      this.log('warn', 'command refused: a total would exceed what the ledger can hold', fields);
      return refused(WalletErrorKind.OperationFailed, 'A total would exceed what the ledger can hold');
    }
    this.log('error', 'command could not be written', fields);
    return refused(WalletErrorKind.Internal, 'internal error');
  }

  private async resolvePlayerIds(commands: readonly MoneyCommand[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const unknown = new Map<string, { operatorId: string; userId: string }>();
    for (const { command } of commands) {
      const key = playerKey(command.caller.operatorId, command.userId);
      const cached = this.playerIds.get(key);
      if (cached) ids.set(key, cached);
      else unknown.set(key, { operatorId: command.caller.operatorId, userId: command.userId });
    }
    if (unknown.size === 0) return ids;
    const found = await this.withClient((client) => findPlayerIds(client, [...unknown.values()]));
    for (const [key, id] of found) {
      ids.set(key, id);
      if (this.playerIds.size >= PLAYER_ID_CACHE_MAX) this.playerIds.delete(this.playerIds.keys().next().value as string);
      this.playerIds.set(key, id);
    }
    return ids;
  }

  /** A raw pool connection (TypeORM's pool): the hot path skips the ORM's per-query cost. */
  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      return await work(client);
    } finally {
      await runner.release();
    }
  }
}

class StaleFencesError extends Error {
  constructor(readonly floors: ReadonlyMap<string, bigint>) {
    super(`${floors.size} players hold lock fences below their accounts' fences`);
    this.name = 'StaleFencesError';
  }
}

function stateQuery(commands: readonly MoneyCommand[], playerIds: ReadonlyMap<string, string>, locks: ReadonlyMap<string, LockHandle>, now: Date) {
  const transactions = new Map<string, { platformId: string; operatorId: string; transactionId: string }>();
  const awards = new Map<string, { platformId: string; operatorId: string; awardId: string }>();
  const tokens = new Set<string>();
  const games = new Map<string, { platformId: string; gameId: string }>();
  const houses = new Map<string, { operatorId: string; purpose: string }>();
  const players = new Set<string>();
  const winRounds = new Map<string, { platformId: string; operatorId: string; roundId: string; userId: string }>();
  const house = (operatorId: string, purpose: string) => houses.set(`${operatorId}\u0000${purpose}`, { operatorId, purpose });
  for (const money of commands) {
    const { caller } = money.command;
    const playerId = playerIds.get(playerKey(caller.operatorId, money.command.userId));
    if (playerId !== undefined && locks.has(playerId)) players.add(playerId);
    switch (money.type) {
      case WalletCommandType.ChangeBalance:
      case WalletCommandType.CancelTransaction: {
        const { transactionId, gameId } = money.command;
        transactions.set(`${caller.platformId}\u0000${caller.operatorId}\u0000${transactionId}`, { platformId: caller.platformId, operatorId: caller.operatorId, transactionId });
        games.set(`${caller.platformId}\u0000${gameId}`, { platformId: caller.platformId, gameId });
        if (money.type === WalletCommandType.ChangeBalance && money.command.token !== null) tokens.add(money.command.token);
        if (money.type === WalletCommandType.ChangeBalance && money.command.type === GameTransactionType.Win) {
          const { roundId, userId } = money.command;
          winRounds.set(playerRoundKey(caller.platformId, caller.operatorId, roundId, userId), { platformId: caller.platformId, operatorId: caller.operatorId, roundId, userId });
        }
        house(caller.operatorId, houseAccountPurposeText(HouseAccountPurpose.GamePlay, caller.platformId));
        break;
      }
      case WalletCommandType.CreditPromotion:
        awards.set(`${caller.platformId}\u0000${caller.operatorId}\u0000${money.command.awardId}`, { platformId: caller.platformId, operatorId: caller.operatorId, awardId: money.command.awardId });
        house(caller.operatorId, houseAccountPurposeText(HouseAccountPurpose.Promotions, caller.platformId));
        break;
      default:
        assertNever(money);
    }
  }
  return {
    now,
    playerIds: [...players],
    transactions: [...transactions.values()],
    awards: [...awards.values()],
    tokens: [...tokens],
    games: [...games.values()],
    houseAccounts: [...houses.values()],
    winRounds: [...winRounds.values()],
  };
}

/** The id a command is known by, for logs. */
function idOf(money: MoneyCommand): string {
  switch (money.type) {
    case WalletCommandType.ChangeBalance:
    case WalletCommandType.CancelTransaction:
      return money.command.transactionId;
    case WalletCommandType.CreditPromotion:
      return money.command.awardId;
    default:
      return assertNever(money);
  }
}

/** Player accounts in the players' own currencies and house accounts the batch needs but the read did not find. */
function missingAccounts(state: PlayState, houseScopes: ReadonlyArray<{ operatorId: string; purpose: string }>) {
  const players: Array<{ playerId: string; operatorId: string; currency: string }> = [];
  const houses: Array<{ operatorId: string; currency: string; purpose: string }> = [];
  for (const player of state.players.values()) {
    if (!state.playerAccounts.has(accountKey(player.id, player.currency))) players.push({ playerId: player.id, operatorId: player.operatorId, currency: player.currency });
    for (const scope of houseScopes) {
      if (scope.operatorId !== player.operatorId) continue;
      if (!state.houseAccounts.has(houseKey(player.operatorId, player.currency, scope.purpose))) {
        houses.push({ operatorId: player.operatorId, currency: player.currency, purpose: scope.purpose });
      }
    }
  }
  return { players, houses };
}

/** Players whose accounts carry a fence above their lock's: Redis lost the counter since. */
function staleFences(state: PlayState, fences: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const floors = new Map<string, bigint>();
  for (const [key, account] of state.playerAccounts) {
    const playerId = key.slice(0, key.indexOf('\u0000'));
    const fence = fences.get(playerId);
    if (fence !== undefined && account.fence > fence && account.fence > (floors.get(playerId) ?? -1n)) floors.set(playerId, account.fence);
  }
  return floors;
}

function refused<T>(kind: WalletErrorKind, message: string): WalletReply<T> {
  return { ok: false, error: { kind, message } };
}

function hasCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, UNIQUE_VIOLATION);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
