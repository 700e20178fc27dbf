import type { EntityManager } from 'typeorm';
import { GameTransactionStatus, type ChangeBalanceCommand, type GameTransactionType, type WalletErrorKind } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { postLedgerTransaction, type PostedTransaction } from '../ledger/ledger-posting';
import { LedgerEventType, stageLedgerEvent } from '../outbox/outbox';
import { GAME_TRANSACTION_COLUMNS, type GameTransactionRecord } from './game-transaction.record';
import type { BetFacts } from './game-play.rules';

/** Identifies a platform transaction: the idempotency key of the Operator API. */
export interface TransactionKey {
  readonly platformId: string;
  readonly operatorId: string;
  readonly transactionId: string;
}

/**
 * SQL of game play, each function inside the caller's database transaction. The rules live in
 * game-play.rules.ts; this file only reads facts and writes outcomes.
 */
export async function findGameTransaction(manager: EntityManager, key: TransactionKey): Promise<GameTransactionRecord | null> {
  const rows = (await manager.query(
    `SELECT ${GAME_TRANSACTION_COLUMNS} FROM game_transactions WHERE platform_id = $1 AND operator_id = $2 AND transaction_id = $3`,
    [key.platformId, key.operatorId, key.transactionId],
  )) as GameTransactionRecord[];
  return rows[0] ?? null;
}

export interface PlayerAccounts {
  readonly playerAccountId: string;
  readonly houseAccountId: string;
  readonly balance: Money;
}

/**
 * The player's account in their currency and the house account of this platform, created on first
 * use. One read on the hot path (both exist after a player's first play); the inserts only run when
 * one is missing.
 */
export async function playerAccounts(manager: EntityManager, operatorId: string, platformId: string, playerId: string, currency: string): Promise<PlayerAccounts> {
  const housePurpose = `game-play:${platformId}`;
  const read = async () =>
    (await manager.query(
      `SELECT (SELECT id FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2) AS "playerAccountId",
              (SELECT balance::text FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2) AS balance,
              (SELECT id FROM accounts WHERE kind = 'house' AND operator_id = $3 AND currency = $2 AND house_purpose = $4) AS "houseAccountId"`,
      [playerId, currency, operatorId, housePurpose],
    )) as Array<{ playerAccountId: string | null; balance: string | null; houseAccountId: string | null }>;
  let [row] = await read();
  if (row.playerAccountId === null || row.houseAccountId === null) {
    await manager.query(
      `INSERT INTO accounts (kind, operator_id, currency, player_id, balance) VALUES ('player', $1, $2, $3, 0)
       ON CONFLICT (player_id, currency) WHERE kind = 'player' DO NOTHING`,
      [operatorId, currency, playerId],
    );
    await manager.query(
      `INSERT INTO accounts (kind, operator_id, currency, house_purpose) VALUES ('house', $1, $2, $3)
       ON CONFLICT (operator_id, currency, house_purpose) WHERE kind = 'house' DO NOTHING`,
      [operatorId, currency, housePurpose],
    );
    [row] = await read();
  }
  return {
    playerAccountId: row.playerAccountId as string,
    houseAccountId: row.houseAccountId as string,
    balance: Money.parseOrThrow(row.balance as string, AMOUNT_SCALE, currencyCodeOf(currency)),
  };
}

export interface BetFactsQuery {
  readonly playerId: string;
  readonly operatorId: string;
  readonly platformId: string;
  readonly token: string | null;
  readonly gameId: string;
  readonly currency: string;
  readonly now: Date;
}

/** Everything refuseBet needs besides the player row and balance, read in one round trip. */
export async function readBetFacts(
  manager: EntityManager,
  query: BetFactsQuery,
  player: { blocked: boolean; currency: string },
  balance: Money,
): Promise<BetFacts> {
  const [row] = (await manager.query(
    `SELECT
       EXISTS (SELECT 1 FROM game_sessions s
                WHERE s.token = $1 AND s.player_id = $2 AND s.operator_id = $3 AND s.revoked_at IS NULL
                  AND s.expires_at > $6 AND (s.game_id IS NULL OR s.game_id = $4)) AS "sessionValid",
       NOT EXISTS (SELECT 1 FROM games g
                    WHERE g.platform_id = $5 AND g.game_id = $4 AND NOT (g.enabled_by_platform AND g.enabled_by_operator)) AS "gameEnabled",
       (SELECT daily_wager_limit::text FROM player_limits WHERE player_id = $2) AS "dailyWagerLimit",
       (SELECT daily_loss_limit::text FROM player_limits WHERE player_id = $2) AS "dailyLossLimit",
       (SELECT wagered::text FROM player_daily_totals WHERE player_id = $2 AND day = ($6::timestamptz AT TIME ZONE 'UTC')::date AND currency = $7) AS "wageredToday",
       (SELECT net_loss::text FROM player_daily_totals WHERE player_id = $2 AND day = ($6::timestamptz AT TIME ZONE 'UTC')::date AND currency = $7) AS "netLossToday"`,
    [query.token ?? '', query.playerId, query.operatorId, query.gameId, query.platformId, query.now.toISOString(), query.currency],
  )) as Array<{
    sessionValid: boolean;
    gameEnabled: boolean;
    dailyWagerLimit: string | null;
    dailyLossLimit: string | null;
    wageredToday: string | null;
    netLossToday: string | null;
  }>;
  const currency = currencyCodeOf(query.currency);
  const money = (text: string | null) => (text === null ? null : Money.parseOrThrow(text, AMOUNT_SCALE, currency));
  return {
    playerBlocked: player.blocked,
    playerCurrency: player.currency,
    sessionValid: query.token !== null && row.sessionValid,
    gameEnabled: row.gameEnabled,
    balance,
    dailyWagerLimit: money(row.dailyWagerLimit),
    dailyLossLimit: money(row.dailyLossLimit),
    wageredToday: money(row.wageredToday) ?? Money.zero(AMOUNT_SCALE, currency),
    netLossToday: money(row.netLossToday) ?? Money.zero(AMOUNT_SCALE, currency),
  };
}

/** Records a refused transaction: the id is now used, and status reports ERROR. */
export async function insertRefusedTransaction(manager: EntityManager, key: TransactionKey, playerId: string, command: ChangeBalanceCommand, amount: Money, errorKind: WalletErrorKind): Promise<void> {
  await manager.query(
    `INSERT INTO game_transactions (platform_id, operator_id, transaction_id, user_id, player_id, type, amount, currency, game_id, round_id,
       round_finished, rake, reason, platform_created_at, status, error_kind)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'ERROR', $15)`,
    [...transactionValues(key, playerId, command, amount), errorKind],
  );
}

/**
 * Applies a BET, WIN or REFUND: the balanced ledger posting (player and house), the platform
 * transaction record with the balance after it, the round, the daily totals and the outbox event,
 * all in the caller's database transaction.
 */
export async function applyGameTransaction(
  manager: EntityManager,
  key: TransactionKey,
  playerId: string,
  accounts: PlayerAccounts,
  command: ChangeBalanceCommand,
  amount: Money,
  fence: bigint,
  now: Date,
): Promise<string> {
  const playerLeg = command.type === 'BET' ? amount.negate() : amount;
  const posted: PostedTransaction = await postLedgerTransaction(
    manager,
    {
      idempotencyKey: `game:${key.platformId}:${key.operatorId}:${key.transactionId}`,
      kind: command.type.toLowerCase(),
      currency: command.currency,
      legs: [
        { accountId: accounts.playerAccountId, accountKind: 'player', amount: playerLeg },
        { accountId: accounts.houseAccountId, accountKind: 'house', amount: playerLeg.negate() },
      ],
    },
    fence,
  );
  const balanceAfter = posted.playerBalancesAfter.get(accounts.playerAccountId) as string;
  await manager.query(
    `INSERT INTO game_transactions (platform_id, operator_id, transaction_id, user_id, player_id, type, amount, currency, game_id, round_id,
       round_finished, rake, reason, platform_created_at, status, balance_after, ledger_transaction_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'OK', $15, $16)`,
    [...transactionValues(key, playerId, command, amount), balanceAfter, posted.transactionId],
  );
  await addToRound(manager, key, playerId, command.roundId, command.gameId, command.currency, command.type, amount.toDecimalString(), command.roundFinished);
  await addToDailyTotals(manager, playerId, command.type, amount, now);
  await stageLedgerEvent(manager, {
    eventType: LedgerEventType.GameTransactionApplied,
    platformId: key.platformId,
    operatorId: key.operatorId,
    userId: command.userId,
    transactionId: key.transactionId,
    ledgerTransactionId: posted.transactionId,
    transactionType: command.type,
    amount: amount.toDecimalString(),
    currency: command.currency,
    gameId: command.gameId,
    roundId: command.roundId,
    balanceAfter,
    occurredAt: now.toISOString(),
  });
  return balanceAfter;
}

/** The cancel of a transaction we had not seen: remembered, so the late original is refused. */
export async function insertCancelMark(manager: EntityManager, key: TransactionKey, userId: string, playerId: string): Promise<void> {
  await manager.query(
    `INSERT INTO game_transactions (platform_id, operator_id, transaction_id, user_id, player_id, status, canceled_at)
     VALUES ($1, $2, $3, $4, $5, 'CANCELED', now())`,
    [key.platformId, key.operatorId, key.transactionId, userId, playerId],
  );
}

/** A refused transaction that is canceled: nothing to reverse, only the status changes. */
export async function markRefusedCanceled(manager: EntityManager, id: string): Promise<void> {
  await manager.query(`UPDATE game_transactions SET status = 'CANCELED', canceled_at = now() WHERE id = $1 AND status = 'ERROR'`, [id]);
}

/**
 * Reverses an applied transaction: the opposite posting, the status, the round and daily totals.
 * A reversed WIN takes the money back and is refused (InsufficientFundsError from the posting)
 * when the player no longer has it.
 */
export async function reverseGameTransaction(
  manager: EntityManager,
  key: TransactionKey,
  record: GameTransactionRecord & { type: GameTransactionType; amount: string; currency: string; gameId: string; roundId: string },
  accounts: PlayerAccounts,
  roundFinished: boolean | null,
  fence: bigint,
  now: Date,
): Promise<string> {
  const amount = Money.parseOrThrow(record.amount, AMOUNT_SCALE, currencyCodeOf(record.currency));
  const playerLeg = record.type === 'BET' ? amount : amount.negate();
  const posted = await postLedgerTransaction(
    manager,
    {
      idempotencyKey: `game-cancel:${key.platformId}:${key.operatorId}:${key.transactionId}`,
      kind: `cancel-${record.type.toLowerCase()}`,
      currency: record.currency,
      legs: [
        { accountId: accounts.playerAccountId, accountKind: 'player', amount: playerLeg },
        { accountId: accounts.houseAccountId, accountKind: 'house', amount: playerLeg.negate() },
      ],
    },
    fence,
  );
  const balanceAfter = posted.playerBalancesAfter.get(accounts.playerAccountId) as string;
  const updated = (await manager.query(
    `UPDATE game_transactions SET status = 'CANCELED', canceled_at = now(), cancel_ledger_transaction_id = $2 WHERE id = $1 AND status = 'OK'`,
    [record.id, posted.transactionId],
  )) as [unknown[], number];
  if (updated[1] !== 1) throw new Error(`game transaction ${record.id} changed under the player lock`);
  await addToRound(manager, key, record.playerId as string, record.roundId, record.gameId, record.currency, record.type, amount.negate().toDecimalString(), roundFinished);
  await addToDailyTotals(manager, record.playerId as string, record.type, amount.negate(), now);
  await stageLedgerEvent(manager, {
    eventType: LedgerEventType.GameTransactionCanceled,
    platformId: key.platformId,
    operatorId: key.operatorId,
    userId: record.userId,
    transactionId: key.transactionId,
    ledgerTransactionId: posted.transactionId,
    transactionType: record.type,
    amount: amount.toDecimalString(),
    currency: record.currency,
    gameId: record.gameId,
    roundId: record.roundId,
    balanceAfter,
    occurredAt: now.toISOString(),
  });
  return balanceAfter;
}

/** Marks a round finished; false if this player has no such round. Finishing twice is fine. */
export async function finishRound(manager: EntityManager, platformId: string, operatorId: string, roundId: string, playerId: string): Promise<{ gameId: string } | null> {
  const rows = (await manager.query(
    `UPDATE game_rounds SET status = 'finished', finished_at = COALESCE(finished_at, now())
      WHERE platform_id = $1 AND operator_id = $2 AND round_id = $3 AND player_id = $4
      RETURNING game_id AS "gameId"`,
    [platformId, operatorId, roundId, playerId],
  )) as [Array<{ gameId: string }>, number];
  return rows[0][0] ?? null;
}

function transactionValues(key: TransactionKey, playerId: string, command: ChangeBalanceCommand, amount: Money): unknown[] {
  return [
    key.platformId,
    key.operatorId,
    key.transactionId,
    command.userId,
    playerId,
    command.type,
    amount.toDecimalString(),
    command.currency,
    command.gameId,
    command.roundId,
    command.roundFinished,
    command.rake,
    command.reason.slice(0, 32),
    command.transactionTimestamp,
  ];
}

/** Round sums by type; `amount` is signed (a cancel subtracts). round_finished=true closes the round. */
async function addToRound(
  manager: EntityManager,
  key: TransactionKey,
  playerId: string,
  roundId: string,
  gameId: string,
  currency: string,
  type: GameTransactionType,
  amount: string,
  roundFinished: boolean | null,
): Promise<void> {
  const column = type === 'BET' ? 'bet_total' : type === 'WIN' ? 'win_total' : 'refund_total';
  await manager.query(
    `INSERT INTO game_rounds (platform_id, operator_id, round_id, player_id, game_id, currency, status, ${column}, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $8::boolean THEN 'finished' ELSE 'open' END, $7::numeric, CASE WHEN $8::boolean THEN now() END)
     ON CONFLICT (platform_id, operator_id, round_id) DO UPDATE
       SET ${column} = game_rounds.${column} + $7::numeric,
           status = CASE WHEN $8::boolean THEN 'finished' ELSE game_rounds.status END,
           finished_at = CASE WHEN $8::boolean THEN COALESCE(game_rounds.finished_at, now()) ELSE game_rounds.finished_at END`,
    [key.platformId, key.operatorId, roundId, playerId, gameId, currency, amount, roundFinished === true],
  );
}

/**
 * Daily totals for responsible-gambling limits, per UTC day: a BET adds to the wager and the net
 * loss, a WIN or REFUND takes from the net loss. `amount` is signed (a cancel passes it negated,
 * and counts on the day of the cancel).
 */
async function addToDailyTotals(manager: EntityManager, playerId: string, type: GameTransactionType, amount: Money, now: Date): Promise<void> {
  const wagered = type === 'BET' ? amount : Money.zero(AMOUNT_SCALE, amount.currencyCode);
  const netLoss = type === 'BET' ? amount : amount.negate();
  await manager.query(
    `INSERT INTO player_daily_totals (player_id, day, currency, wagered, net_loss)
     VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, $3, $4::numeric, $5::numeric)
     ON CONFLICT (player_id, day, currency) DO UPDATE
       SET wagered = player_daily_totals.wagered + EXCLUDED.wagered, net_loss = player_daily_totals.net_loss + EXCLUDED.net_loss`,
    [playerId, now.toISOString(), amount.currencyCode, wagered.toDecimalString(), netLoss.toDecimalString()],
  );
}

export { GameTransactionStatus };
