import type { PoolClient, QueryConfig } from 'pg';
import { playerPartitionKey, Topics, type LedgerEvent } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { PlayerStatus } from '../players/player.entity';
import {
  accountKey,
  awardKey,
  gameKey,
  houseKey,
  playerKey,
  playerRoundKey,
  transactionKey,
  type AccountFacts,
  type DailyTotals,
  type GameFacts,
  type KnownPromotionCredit,
  type KnownTransaction,
  type LimitFacts,
  type PlayState,
  type PlayerFacts,
  type SessionFacts,
} from './play-state';
import type { PlayWrites } from './play-writes';

/**
 * The SQL of a batch of game play: one statement reads everything the batch needs, a handful of
 * set-based statements write everything it decided. Each statement is a named prepared statement
 * of fixed text (arrays as parameters), so PostgreSQL parses and plans it once per connection.
 */

/**
 * What a batch reads: its players, the transactions it names, the sessions and games it may need,
 * and the house accounts of its (operator, purpose) pairs in every currency.
 */
export interface PlayStateQuery {
  readonly now: Date;
  readonly playerIds: readonly string[];
  readonly transactions: ReadonlyArray<{ platformId: string; operatorId: string; transactionId: string }>;
  readonly awards: ReadonlyArray<{ platformId: string; operatorId: string; awardId: string }>;
  readonly tokens: readonly string[];
  readonly games: ReadonlyArray<{ platformId: string; gameId: string }>;
  readonly houseAccounts: ReadonlyArray<{ operatorId: string; purpose: string }>;
  /** The rounds of the batch's WINs: which of them have an applied BET. */
  readonly winRounds: ReadonlyArray<{ platformId: string; operatorId: string; roundId: string; userId: string }>;
}

const READ_PLAY_STATE: Omit<QueryConfig, 'values'> = {
  name: 'play-read-state-v3',
  text: `
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', p.id, 'operatorId', p.operator_id, 'userId', p.user_id, 'currency', p.currency, 'status', p.status)), '[]')
         FROM players p WHERE p.id = ANY($1::uuid[])) AS players,
      (SELECT coalesce(json_agg(json_build_object('id', a.id, 'playerId', a.player_id, 'currency', a.currency, 'balance', a.balance::text,
                                                  'version', a.version::text, 'fence', a.fence::text)), '[]')
         FROM accounts a WHERE a.kind = 'player' AND a.player_id = ANY($1::uuid[])) AS accounts,
      (SELECT coalesce(json_agg(json_build_object('id', h.id, 'operatorId', h.operator_id, 'currency', h.currency, 'purpose', h.house_purpose)), '[]')
         FROM accounts h JOIN unnest($9::text[], $10::text[]) AS k(operator_id, purpose)
           ON h.kind = 'house' AND h.operator_id = k.operator_id AND h.house_purpose = k.purpose) AS houses,
      (SELECT coalesce(json_agg(json_build_object('id', t.id, 'platformId', t.platform_id, 'operatorId', t.operator_id, 'transactionId', t.transaction_id,
                                                  'userId', t.user_id, 'playerId', t.player_id, 'type', t.type, 'amount', t.amount::text, 'currency', t.currency,
                                                  'gameId', t.game_id, 'roundId', t.round_id, 'status', t.status, 'errorKind', t.error_kind,
                                                  'balanceAfter', t.balance_after::text, 'reason', t.reason, 'campaignCode', t.campaign_code)), '[]')
         FROM game_transactions t JOIN unnest($2::text[], $3::text[], $4::text[]) AS k(platform_id, operator_id, transaction_id)
           ON t.platform_id = k.platform_id AND t.operator_id = k.operator_id AND t.transaction_id = k.transaction_id) AS transactions,
      (SELECT coalesce(json_agg(json_build_object('token', s.token, 'playerId', s.player_id, 'operatorId', s.operator_id, 'gameId', s.game_id,
                                                  'expiresAt', s.expires_at, 'revoked', s.revoked_at IS NOT NULL)), '[]')
         FROM game_sessions s WHERE s.token = ANY($5::text[])) AS sessions,
      (SELECT coalesce(json_agg(json_build_object('platformId', g.platform_id, 'gameId', g.game_id,
                                                  'enabled', g.enabled_by_platform AND g.enabled_by_operator, 'vendor', g.vendor)), '[]')
         FROM games g JOIN unnest($6::text[], $7::text[]) AS k(platform_id, game_id) ON g.platform_id = k.platform_id AND g.game_id = k.game_id) AS games,
      (SELECT coalesce(json_agg(json_build_object('playerId', l.player_id, 'wager', l.daily_wager_limit::text, 'loss', l.daily_loss_limit::text)), '[]')
         FROM player_limits l WHERE l.player_id = ANY($1::uuid[])) AS limits,
      (SELECT coalesce(json_agg(json_build_object('playerId', d.player_id, 'currency', d.currency, 'wagered', d.wagered::text, 'netLoss', d.net_loss::text)), '[]')
         FROM player_daily_totals d WHERE d.player_id = ANY($1::uuid[]) AND d.day = ($8::timestamptz AT TIME ZONE 'UTC')::date) AS totals,
      (SELECT coalesce(json_agg(json_build_object('platformId', c.platform_id, 'operatorId', c.operator_id, 'awardId', c.award_id, 'userId', c.user_id,
                                                  'kind', c.kind, 'amount', c.amount::text, 'currency', c.currency, 'campaignCode', c.campaign_code,
                                                  'errorKind', c.error_kind, 'balanceAfter', c.balance_after::text, 'ledgerTransactionId', c.ledger_transaction_id)), '[]')
         FROM promotion_credits c JOIN unnest($11::text[], $12::text[], $13::text[]) AS k(platform_id, operator_id, award_id)
           ON c.platform_id = k.platform_id AND c.operator_id = k.operator_id AND c.award_id = k.award_id) AS credits,
      (SELECT coalesce(json_agg(json_build_object('platformId', k.platform_id, 'operatorId', k.operator_id, 'roundId', k.round_id, 'userId', k.user_id)), '[]')
         FROM unnest($14::text[], $15::text[], $16::text[], $17::text[]) AS k(platform_id, operator_id, round_id, user_id)
        WHERE EXISTS (SELECT 1 FROM game_transactions b
                       WHERE b.platform_id = k.platform_id AND b.operator_id = k.operator_id AND b.round_id = k.round_id AND b.user_id = k.user_id
                         AND b.type = 'BET' AND b.ledger_transaction_id IS NOT NULL)) AS "betRounds"`,
};

interface StateRow {
  players: Array<{ id: string; operatorId: string; userId: string; currency: string; status: string }>;
  accounts: Array<{ id: string; playerId: string; currency: string; balance: string; version: string; fence: string }>;
  houses: Array<{ id: string; operatorId: string; currency: string; purpose: string }>;
  transactions: Array<Omit<KnownTransaction, 'status'> & { platformId: string; operatorId: string; transactionId: string; status: KnownTransaction['status'] }>;
  sessions: Array<{ token: string; playerId: string; operatorId: string; gameId: string | null; expiresAt: string; revoked: boolean }>;
  games: Array<{ platformId: string; gameId: string; enabled: boolean; vendor: string | null }>;
  limits: Array<{ playerId: string; wager: string | null; loss: string | null }>;
  totals: Array<{ playerId: string; currency: string; wagered: string; netLoss: string }>;
  credits: Array<KnownPromotionCredit & { platformId: string; operatorId: string; awardId: string }>;
  betRounds: Array<{ platformId: string; operatorId: string; roundId: string; userId: string }>;
}

export async function readPlayState(client: PoolClient, query: PlayStateQuery): Promise<PlayState> {
  const { rows } = await client.query<StateRow>({
    ...READ_PLAY_STATE,
    values: [
      query.playerIds,
      query.transactions.map((t) => t.platformId),
      query.transactions.map((t) => t.operatorId),
      query.transactions.map((t) => t.transactionId),
      query.tokens,
      query.games.map((g) => g.platformId),
      query.games.map((g) => g.gameId),
      query.now.toISOString(),
      query.houseAccounts.map((h) => h.operatorId),
      query.houseAccounts.map((h) => h.purpose),
      query.awards.map((a) => a.platformId),
      query.awards.map((a) => a.operatorId),
      query.awards.map((a) => a.awardId),
      query.winRounds.map((r) => r.platformId),
      query.winRounds.map((r) => r.operatorId),
      query.winRounds.map((r) => r.roundId),
      query.winRounds.map((r) => r.userId),
    ],
  });
  const row = rows[0];
  const players = new Map<string, PlayerFacts>();
  const currencyOfPlayer = new Map<string, string>();
  for (const p of row.players) {
    players.set(playerKey(p.operatorId, p.userId), { id: p.id, operatorId: p.operatorId, userId: p.userId, currency: p.currency, blocked: p.status === PlayerStatus.Blocked });
    currencyOfPlayer.set(p.id, p.currency);
  }
  const playerAccounts = new Map<string, AccountFacts>();
  for (const a of row.accounts) {
    playerAccounts.set(accountKey(a.playerId, a.currency), {
      id: a.id,
      balance: Money.parseOrThrow(a.balance, AMOUNT_SCALE, currencyCodeOf(a.currency)),
      version: BigInt(a.version),
      fence: BigInt(a.fence),
    });
  }
  const houseAccounts = new Map<string, string>();
  for (const h of row.houses) houseAccounts.set(houseKey(h.operatorId, h.currency, h.purpose), h.id);
  const transactions = new Map<string, KnownTransaction>();
  for (const t of row.transactions) {
    transactions.set(transactionKey(t.platformId, t.operatorId, t.transactionId), {
      id: t.id,
      userId: t.userId,
      playerId: t.playerId,
      type: t.type,
      amount: t.amount,
      currency: t.currency,
      gameId: t.gameId,
      roundId: t.roundId,
      status: t.status,
      errorKind: t.errorKind,
      balanceAfter: t.balanceAfter,
      reason: t.reason,
      campaignCode: t.campaignCode,
    });
  }
  const sessions = new Map<string, SessionFacts>();
  for (const s of row.sessions) {
    sessions.set(s.token, { playerId: s.playerId, operatorId: s.operatorId, gameId: s.gameId, expiresAt: new Date(s.expiresAt), revoked: s.revoked });
  }
  const games = new Map<string, GameFacts>();
  for (const g of row.games) games.set(gameKey(g.platformId, g.gameId), { enabled: g.enabled, vendor: g.vendor });
  const limits = new Map<string, LimitFacts>();
  for (const l of row.limits) {
    const currency = currencyOfPlayer.get(l.playerId);
    if (!currency) continue;
    const money = (text: string | null) => (text === null ? null : Money.parseOrThrow(text, AMOUNT_SCALE, currencyCodeOf(currency)));
    limits.set(l.playerId, { dailyWagerLimit: money(l.wager), dailyLossLimit: money(l.loss) });
  }
  const dailyTotals = new Map<string, DailyTotals>();
  for (const d of row.totals) {
    const currency = currencyCodeOf(d.currency);
    dailyTotals.set(accountKey(d.playerId, d.currency), {
      wagered: Money.parseOrThrow(d.wagered, AMOUNT_SCALE, currency),
      netLoss: Money.parseOrThrow(d.netLoss, AMOUNT_SCALE, currency),
    });
  }
  const promotionCredits = new Map<string, KnownPromotionCredit>();
  for (const { platformId, operatorId, awardId, ...credit } of row.credits) promotionCredits.set(awardKey(platformId, operatorId, awardId), credit);
  const roundsWithBet = new Set(row.betRounds.map((r) => playerRoundKey(r.platformId, r.operatorId, r.roundId, r.userId)));
  return { now: query.now, players, playerAccounts, houseAccounts, transactions, promotionCredits, sessions, games, limits, dailyTotals, roundsWithBet };
}

/** Player ids by (operator, user id); players not found are absent from the answer. */
export async function findPlayerIds(client: PoolClient, keys: ReadonlyArray<{ operatorId: string; userId: string }>): Promise<Map<string, string>> {
  const { rows } = await client.query<{ id: string; operatorId: string; userId: string }>({
    name: 'play-find-player-ids-v1',
    text: `SELECT p.id, p.operator_id AS "operatorId", p.user_id AS "userId"
             FROM players p JOIN unnest($1::text[], $2::text[]) AS k(operator_id, user_id) ON p.operator_id = k.operator_id AND p.user_id = k.user_id`,
    values: [keys.map((k) => k.operatorId), keys.map((k) => k.userId)],
  });
  return new Map(rows.map((row) => [playerKey(row.operatorId, row.userId), row.id]));
}

/** An account or transaction changed under the batch (a writer without the lock, or a stale lock). */
export class PlayWriteConflictError extends Error {
  constructor(what: string) {
    super(`${what} changed under the batch`);
    this.name = 'PlayWriteConflictError';
  }
}

/** The SQLSTATE `wallet_assert` raises (migration 1732440000000): the batch's compare-and-set failed. */
const WRITE_CONFLICT_SQLSTATE = 'WL409';

/**
 * Everything a batch decided, in ONE statement: its data-modifying parts (ledger transactions and
 * entries, the players' balances, platform transactions, cancels, rounds, daily totals, outbox
 * events, promotion credits) run to completion together or not at all, so the statement is its own transaction and
 * its own commit. Player balances are written as compare-and-set on the version read and
 * conditional on the lock fence; cancels on the status read. If any of them matched fewer rows
 * than the batch expects, `wallet_assert` raises and nothing of the batch remains: a holder whose
 * lock was lost (or a writer that never held it) cannot overwrite a newer state.
 */
const WRITE_PLAY: Omit<QueryConfig, 'values'> = {
  name: 'play-write-v3',
  text: `
    WITH
      ledger_transaction_rows AS (
        INSERT INTO ledger_transactions (id, idempotency_key, kind, currency)
        SELECT id, idempotency_key, kind, currency FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS t(id, idempotency_key, kind, currency)
        RETURNING 1),
      ledger_entry_rows AS (
        INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after)
        SELECT transaction_id, account_id, amount, balance_after
          FROM unnest($5::uuid[], $6::uuid[], $7::numeric[], $8::numeric[]) WITH ORDINALITY AS e(transaction_id, account_id, amount, balance_after, position)
         ORDER BY position
        RETURNING 1),
      account_rows AS (
        UPDATE accounts a SET balance = u.balance, version = a.version + 1, fence = u.fence
          FROM unnest($9::uuid[], $10::numeric[], $11::bigint[], $12::bigint[]) AS u(id, balance, expected_version, fence)
         WHERE a.id = u.id AND a.kind = 'player' AND a.version = u.expected_version AND a.fence <= u.fence AND u.balance >= 0
        RETURNING 1),
      game_transaction_rows AS (
        INSERT INTO game_transactions (platform_id, operator_id, transaction_id, user_id, player_id, type, amount, currency, game_id, round_id,
          round_finished, rake, reason, platform_created_at, status, error_kind, balance_after, ledger_transaction_id, cancel_ledger_transaction_id,
          canceled_at, history_id, campaign_code, ticket_id, win_without_bet)
        SELECT platform_id, operator_id, transaction_id, user_id, player_id, type, amount, currency, game_id, round_id,
               round_finished, rake, reason, platform_created_at, status, error_kind, balance_after, ledger_transaction_id, cancel_ledger_transaction_id,
               CASE WHEN canceled THEN now() END, history_id, campaign_code, ticket_id, win_without_bet
          FROM unnest($13::text[], $14::text[], $15::text[], $16::text[], $17::uuid[], $18::text[], $19::numeric[], $20::text[], $21::text[], $22::text[],
                      $23::boolean[], $24::numeric[], $25::text[], $26::text[], $27::text[], $28::text[], $29::numeric[], $30::uuid[], $31::uuid[],
                      $32::boolean[], $33::text[], $34::text[], $35::text[], $71::boolean[])
               WITH ORDINALITY AS t(platform_id, operator_id, transaction_id, user_id, player_id, type, amount, currency, game_id, round_id,
                      round_finished, rake, reason, platform_created_at, status, error_kind, balance_after, ledger_transaction_id,
                      cancel_ledger_transaction_id, canceled, history_id, campaign_code, ticket_id, win_without_bet, position)
         ORDER BY position
        RETURNING 1),
      canceled_rows AS (
        UPDATE game_transactions g SET status = 'CANCELED', canceled_at = now(), cancel_ledger_transaction_id = c.ledger_transaction_id
          FROM unnest($36::uuid[], $37::uuid[], $38::text[]) AS c(id, ledger_transaction_id, from_status)
         WHERE g.id = c.id AND g.status = c.from_status
        RETURNING 1),
      round_rows AS (
        INSERT INTO game_rounds (platform_id, operator_id, round_id, player_id, game_id, currency, status, bet_total, win_total, refund_total, finished_at)
        SELECT platform_id, operator_id, round_id, player_id, game_id, currency, CASE WHEN finished THEN 'finished' ELSE 'open' END,
               bet, win, refund, CASE WHEN finished THEN now() END
          FROM unnest($39::text[], $40::text[], $41::text[], $42::uuid[], $43::text[], $44::text[], $45::numeric[], $46::numeric[], $47::numeric[], $48::boolean[])
               AS r(platform_id, operator_id, round_id, player_id, game_id, currency, bet, win, refund, finished)
        ON CONFLICT (platform_id, operator_id, round_id) DO UPDATE
          SET bet_total = game_rounds.bet_total + EXCLUDED.bet_total,
              win_total = game_rounds.win_total + EXCLUDED.win_total,
              refund_total = game_rounds.refund_total + EXCLUDED.refund_total,
              status = CASE WHEN EXCLUDED.status = 'finished' THEN 'finished' ELSE game_rounds.status END,
              finished_at = CASE WHEN EXCLUDED.status = 'finished' THEN COALESCE(game_rounds.finished_at, now()) ELSE game_rounds.finished_at END
        RETURNING 1),
      daily_total_rows AS (
        INSERT INTO player_daily_totals (player_id, day, currency, wagered, net_loss)
        SELECT player_id, ($49::timestamptz AT TIME ZONE 'UTC')::date, currency, wagered, net_loss
          FROM unnest($50::uuid[], $51::text[], $52::numeric[], $53::numeric[]) AS d(player_id, currency, wagered, net_loss)
        ON CONFLICT (player_id, day, currency) DO UPDATE
          SET wagered = player_daily_totals.wagered + EXCLUDED.wagered, net_loss = player_daily_totals.net_loss + EXCLUDED.net_loss
        RETURNING 1),
      outbox_rows AS (
        INSERT INTO outbox_events (topic, partition_key, event_type, payload)
        SELECT $54, partition_key, event_type, payload::jsonb
          FROM unnest($55::text[], $56::text[], $57::text[]) WITH ORDINALITY AS e(partition_key, event_type, payload, position)
         ORDER BY position
        RETURNING 1),
      promotion_credit_rows AS (
        INSERT INTO promotion_credits (platform_id, operator_id, award_id, user_id, player_id, kind, amount, currency, campaign_code, status, error_kind,
          balance_after, ledger_transaction_id)
        SELECT * FROM unnest($58::text[], $59::text[], $60::text[], $61::text[], $62::uuid[], $63::text[], $64::numeric[], $65::text[], $66::text[],
                             $67::text[], $68::text[], $69::numeric[], $70::uuid[])
        RETURNING 1)
    SELECT wallet_assert((SELECT count(*) FROM account_rows) = cardinality($9::uuid[]), 'a player account')
       AND wallet_assert((SELECT count(*) FROM canceled_rows) = cardinality($36::uuid[]), 'a game transaction') AS written`,
};

export async function writePlay(client: PoolClient, writes: PlayWrites, fences: ReadonlyMap<string, bigint>, now: Date): Promise<void> {
  const ledger = writes.ledgerTransactions;
  const entries = writes.ledgerEntries;
  const accounts = [...writes.accountUpdates.entries()];
  const fenceOf = (playerId: string) => {
    const fence = fences.get(playerId);
    if (fence === undefined) throw new Error(`no lock fence for player ${playerId}`);
    return fence.toString();
  };
  const rows = writes.insertedTransactions;
  const cancels = writes.canceledTransactions;
  const rounds = [...writes.rounds.values()];
  const totals = [...writes.dailyTotals.values()];
  const events: readonly LedgerEvent[] = writes.events;
  const credits = writes.insertedPromotionCredits;
  try {
    await client.query({
      ...WRITE_PLAY,
      values: [
        ledger.map((r) => r.id),
        ledger.map((r) => r.idempotencyKey),
        ledger.map((r) => r.kind),
        ledger.map((r) => r.currency),
        entries.map((r) => r.transactionId),
        entries.map((r) => r.accountId),
        entries.map((r) => r.amount),
        entries.map((r) => r.balanceAfter),
        accounts.map(([id]) => id),
        accounts.map(([, u]) => u.balance.toDecimalString()),
        accounts.map(([, u]) => u.expectedVersion.toString()),
        accounts.map(([, u]) => fenceOf(u.playerId)),
        rows.map((r) => r.platformId),
        rows.map((r) => r.operatorId),
        rows.map((r) => r.transactionId),
        rows.map((r) => r.userId),
        rows.map((r) => r.playerId),
        rows.map((r) => r.type),
        rows.map((r) => r.amount),
        rows.map((r) => r.currency),
        rows.map((r) => r.gameId),
        rows.map((r) => r.roundId),
        rows.map((r) => r.roundFinished),
        rows.map((r) => r.rake),
        rows.map((r) => r.reason),
        rows.map((r) => r.platformCreatedAt),
        rows.map((r) => r.status),
        rows.map((r) => r.errorKind),
        rows.map((r) => r.balanceAfter),
        rows.map((r) => r.ledgerTransactionId),
        rows.map((r) => r.cancelLedgerTransactionId),
        rows.map((r) => r.canceled),
        rows.map((r) => r.historyId),
        rows.map((r) => r.campaignCode),
        rows.map((r) => r.ticketId),
        cancels.map((r) => r.id),
        cancels.map((r) => r.cancelLedgerTransactionId),
        cancels.map((r) => r.fromStatus),
        rounds.map((r) => r.platformId),
        rounds.map((r) => r.operatorId),
        rounds.map((r) => r.roundId),
        rounds.map((r) => r.playerId),
        rounds.map((r) => r.gameId),
        rounds.map((r) => r.currency),
        rounds.map((r) => r.bet.toDecimalString()),
        rounds.map((r) => r.win.toDecimalString()),
        rounds.map((r) => r.refund.toDecimalString()),
        rounds.map((r) => r.finished),
        now.toISOString(),
        totals.map((r) => r.playerId),
        totals.map((r) => r.currency),
        totals.map((r) => r.wagered.toDecimalString()),
        totals.map((r) => r.netLoss.toDecimalString()),
        Topics.walletLedgerEvents.name,
        events.map((event) => playerPartitionKey(event.operatorId, event.userId)),
        events.map((event) => event.eventType),
        events.map((event) => JSON.stringify(event)),
        credits.map((r) => r.platformId),
        credits.map((r) => r.operatorId),
        credits.map((r) => r.awardId),
        credits.map((r) => r.userId),
        credits.map((r) => r.playerId),
        credits.map((r) => r.kind),
        credits.map((r) => r.amount),
        credits.map((r) => r.currency),
        credits.map((r) => r.campaignCode),
        credits.map((r) => r.status),
        credits.map((r) => r.errorKind),
        credits.map((r) => r.balanceAfter),
        credits.map((r) => r.ledgerTransactionId),
        rows.map((r) => r.winWithoutBet),
      ],
    });
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === WRITE_CONFLICT_SQLSTATE) {
      throw new PlayWriteConflictError((error as { message?: string }).message ?? 'a row');
    }
    throw error;
  }
}
