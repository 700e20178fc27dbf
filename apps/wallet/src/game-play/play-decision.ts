import { randomUUID } from 'node:crypto';
import {
  GameTransactionStatus,
  GameTransactionType,
  LedgerEventType,
  PromotionCreditKind,
  WalletCommandType,
  WalletErrorKind,
  type CancelTransactionCommand,
  type CancelTransactionResult,
  type ChangeBalanceCommand,
  type ChangeBalanceResult,
  type CreditPromotionCommand,
  type CreditPromotionResult,
  type WalletError,
  type WalletReply,
} from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, MoneyInvariantError, currencyCodeOf, isCurrencyCode } from '@wallet-platform/money';
import { assertNever, HouseAccountPurpose, houseAccountPurposeText, PostingKind } from '../ledger/ledger-kinds';
import { matchStoredRequest, postingIdempotencyKey } from '../idempotency/idempotency';
import { playerEffect, refuseBet, refuseCredit, type BetFacts, type TransactionFingerprint } from './game-play.rules';
import type { MoneyCommand } from './money-command';
import {
  accountKey,
  awardKey,
  gameKey,
  houseKey,
  playerKey,
  playerRoundKey,
  roundKey,
  transactionKey,
  type AccountFacts,
  type KnownTransaction,
  type PlayState,
  type PlayerFacts,
} from './play-state';
import { emptyWrites, type GameTransactionRow, type PlayWrites } from './play-writes';

export type MoneyReply = WalletReply<ChangeBalanceResult | CancelTransactionResult | CreditPromotionResult>;

export interface PlayDecision {
  /** One answer per command, in the order of the commands. */
  readonly replies: MoneyReply[];
  readonly writes: PlayWrites;
}

/**
 * Decides a batch of money commands, in order, on the state read for them: the answer to each,
 * and everything to write. No I/O: the same commands on the same state give the same decision,
 * which is exactly what processing them one by one would give (each command sees the effects of
 * the commands before it). The rules of play themselves are in game-play.rules.ts.
 */
export function decidePlay(state: PlayState, commands: readonly MoneyCommand[], newId: () => string = randomUUID): PlayDecision {
  const decision = new BatchDecision(state, newId);
  const replies = commands.map((command): MoneyReply => {
    switch (command.type) {
      case WalletCommandType.ChangeBalance:
        return decision.changeBalance(command.command, command.amount);
      case WalletCommandType.CancelTransaction:
        return decision.cancel(command.command);
      case WalletCommandType.CreditPromotion:
        return decision.creditPromotion(command.command, command.amount);
      default:
        return assertNever(command);
    }
  });
  return { replies, writes: decision.writes };
}

/**
 * The posting kind of each platform transaction type, applied and canceled, and of each promotion
 * credit. Total maps: a new type or kind fails the build here until it has its postings.
 */
const GAME_POSTING_KINDS: Readonly<Record<GameTransactionType, { readonly applied: PostingKind; readonly canceled: PostingKind }>> = {
  [GameTransactionType.Bet]: { applied: PostingKind.Bet, canceled: PostingKind.CancelBet },
  [GameTransactionType.Win]: { applied: PostingKind.Win, canceled: PostingKind.CancelWin },
  [GameTransactionType.Refund]: { applied: PostingKind.Refund, canceled: PostingKind.CancelRefund },
};
const PROMOTION_POSTING_KINDS: Readonly<Record<PromotionCreditKind, PostingKind>> = {
  [PromotionCreditKind.TournamentWin]: PostingKind.TournamentWin,
  [PromotionCreditKind.PromoWin]: PostingKind.PromoWin,
};

class BatchDecision {
  readonly writes: PlayWrites = emptyWrites();
  /** Rows this batch inserts, by transaction key: a later cancel of the same batch changes them. */
  private readonly pendingRows = new Map<string, GameTransactionRow>();

  constructor(
    private readonly state: PlayState,
    private readonly newId: () => string,
  ) {}

  changeBalance(command: ChangeBalanceCommand, amount: Money): WalletReply<ChangeBalanceResult> {
    if (!isCurrencyCode(command.currency)) return refused(WalletErrorKind.CurrencyMismatch, 'Invalid currency');
    const player = this.state.players.get(playerKey(command.caller.operatorId, command.userId));
    if (!player) return refused(WalletErrorKind.PlayerNotFound, 'Player is not found');
    const key = transactionKey(command.caller.platformId, command.caller.operatorId, command.transactionId);
    const known = this.state.transactions.get(key);
    if (known) return replayChangeBalance(known, command, amount);

    const refusedCredit = command.type === GameTransactionType.Bet ? null : refuseCredit(player.currency, command.currency);
    if (refusedCredit) return this.recordRefused(key, player, command, amount, refusedCredit);
    const account = this.accountOf(player, player.currency);
    if (command.type === GameTransactionType.Bet) {
      const refusal = refuseBet(this.betFacts(player, account, command), amount, command.currency);
      if (refusal) return this.recordRefused(key, player, command, amount, refusal);
    }
    const effect = playerEffect(command.type, amount);
    const balanceAfter = addWithinLedger(account.balance, effect);
    if (!balanceAfter) return this.recordRefused(key, player, command, amount, LEDGER_CANNOT_HOLD);

    const ledgerTransactionId = this.post(
      postingIdempotencyKey({ kind: 'game', platformId: command.caller.platformId, operatorId: command.caller.operatorId, transactionId: command.transactionId }),
      GAME_POSTING_KINDS[command.type].applied,
      player,
      account,
      houseAccountPurposeText(HouseAccountPurpose.GamePlay, command.caller.platformId),
      effect,
      balanceAfter,
    );
    // Paid all the same (free rounds and vendor promotions credit without a BET), but recorded as
    // such: a forged WIN on a made-up round looks exactly like this (docs/security.md).
    const round = playerRoundKey(command.caller.platformId, command.caller.operatorId, command.roundId, command.userId);
    const winWithoutBet = command.type === GameTransactionType.Win && !this.state.roundsWithBet.has(round);
    if (command.type === GameTransactionType.Bet) this.state.roundsWithBet.add(round);
    const row = this.insertRow(key, player, command, amount, {
      status: GameTransactionStatus.Ok,
      errorKind: null,
      balanceAfter: balanceAfter.toDecimalString(),
      ledgerTransactionId,
      winWithoutBet,
    });
    this.addToRound(command.caller.platformId, command.caller.operatorId, command.roundId, player.id, command.gameId, command.type, amount, command.roundFinished);
    this.addToDailyTotals(player.id, command.type, amount);
    this.writes.events.push({
      eventType: LedgerEventType.GameTransactionApplied,
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      userId: command.userId,
      transactionId: command.transactionId,
      ledgerTransactionId,
      transactionType: command.type,
      amount: amount.toDecimalString(),
      currency: command.currency,
      gameId: command.gameId,
      roundId: command.roundId,
      balanceAfter: row.balanceAfter as string,
      occurredAt: this.state.now.toISOString(),
      reason: command.reason,
      campaignCode: command.campaignCode ?? null,
      vendor: this.vendorOf(command.caller.platformId, command.gameId),
      rake: command.rake,
      platformCreatedAt: command.transactionTimestamp,
    });
    return { ok: true, result: { balance: balanceAfter.toDecimalString(), currency: player.currency } };
  }

  cancel(command: CancelTransactionCommand): WalletReply<CancelTransactionResult> {
    const player = this.state.players.get(playerKey(command.caller.operatorId, command.userId));
    if (!player) return refused(WalletErrorKind.PlayerNotFound, 'Player is not found');
    const canceled: WalletReply<CancelTransactionResult> = {
      ok: true,
      result: { userId: command.userId, transactionId: command.transactionId, status: GameTransactionStatus.Canceled },
    };
    const key = transactionKey(command.caller.platformId, command.caller.operatorId, command.transactionId);
    const known = this.state.transactions.get(key);
    if (!known) {
      this.insertCancelMark(key, player, command);
      return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
    }
    if (known.userId !== command.userId || known.type === null) return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
    switch (known.status) {
      case GameTransactionStatus.Canceled:
        return canceled;
      case GameTransactionStatus.Error:
        this.markCanceled(key, known, null);
        return canceled;
      case GameTransactionStatus.Ok:
        break;
      default:
        return assertNever(known.status);
    }

    const currency = known.currency as string;
    const amount = Money.parseOrThrow(known.amount as string, AMOUNT_SCALE, currencyCodeOf(currency));
    const account = this.accountOf(player, currency);
    const effect = playerEffect(known.type, amount).negate();
    const balanceAfter = addWithinLedger(account.balance, effect);
    // The player has spent the win: taking it back would overdraw. Retrying will never help, so
    // the platform is told to stop (OP_49 on the Operator API); nothing is written.
    if (!balanceAfter || balanceAfter.isNegative()) return refused(WalletErrorKind.OperationFailed, 'Insufficient funds to reverse the transaction');

    const ledgerTransactionId = this.post(
      postingIdempotencyKey({ kind: 'game-cancel', platformId: command.caller.platformId, operatorId: command.caller.operatorId, transactionId: command.transactionId }),
      GAME_POSTING_KINDS[known.type].canceled,
      player,
      account,
      houseAccountPurposeText(HouseAccountPurpose.GamePlay, command.caller.platformId),
      effect,
      balanceAfter,
    );
    this.markCanceled(key, known, ledgerTransactionId);
    const gameId = known.gameId as string;
    this.addToRound(command.caller.platformId, command.caller.operatorId, known.roundId as string, player.id, gameId, known.type, amount.negate(), command.roundFinished);
    this.addToDailyTotals(player.id, known.type, amount.negate());
    this.writes.events.push({
      eventType: LedgerEventType.GameTransactionCanceled,
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      userId: known.userId,
      transactionId: command.transactionId,
      ledgerTransactionId,
      transactionType: known.type,
      amount: amount.toDecimalString(),
      currency,
      gameId,
      roundId: known.roundId as string,
      balanceAfter: balanceAfter.toDecimalString(),
      occurredAt: this.state.now.toISOString(),
      ...(known.reason === null ? {} : { reason: known.reason }),
      campaignCode: known.campaignCode,
      vendor: this.vendorOf(command.caller.platformId, gameId),
    });
    return canceled;
  }

  creditPromotion(command: CreditPromotionCommand, amount: Money): WalletReply<CreditPromotionResult> {
    const player = this.state.players.get(playerKey(command.caller.operatorId, command.userId));
    if (!player) return refused(WalletErrorKind.PlayerNotFound, 'Player is not found');
    const key = awardKey(command.caller.platformId, command.caller.operatorId, command.awardId);
    const known = this.state.promotionCredits.get(key);
    const incoming = { userId: command.userId, kind: command.kind, amount: amount.toDecimalString(), currency: command.currency };
    const match = matchStoredRequest(known && { fingerprint: { userId: known.userId, kind: known.kind, amount: known.amount, currency: known.currency }, outcome: known }, incoming);
    switch (match.kind) {
      case 'new':
        break;
      case 'key-reused':
        return refused(WalletErrorKind.DuplicateTransaction, `Award id already used for another credit (${match.differingFields.join(', ')} differ)`);
      case 'retry': {
        const first = match.outcome;
        if (first.errorKind) return refused(first.errorKind, storedErrorMessage(first.errorKind));
        return { ok: true, result: { balance: first.balanceAfter as string, currency: first.currency, ledgerTransactionId: first.ledgerTransactionId as string } };
      }
      default:
        return assertNever(match);
    }
    const refusal = !isCurrencyCode(command.currency) || command.currency !== player.currency ? CURRENCY_MISMATCH : null;
    const account = refusal ? null : this.accountOf(player, player.currency);
    const balanceAfter = account ? addWithinLedger(account.balance, amount) : null;
    const error = refusal ?? (balanceAfter ? null : LEDGER_CANNOT_HOLD);
    const row = {
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      awardId: command.awardId,
      userId: command.userId,
      playerId: player.id,
      kind: command.kind,
      amount: amount.toDecimalString(),
      currency: command.currency,
      campaignCode: command.campaignCode,
    };
    if (error || !account || !balanceAfter) {
      const kind = (error ?? LEDGER_CANNOT_HOLD).kind;
      this.writes.insertedPromotionCredits.push({ ...row, status: 'ERROR', errorKind: kind, balanceAfter: null, ledgerTransactionId: null });
      this.state.promotionCredits.set(key, { ...row, errorKind: kind, balanceAfter: null, ledgerTransactionId: null });
      return { ok: false, error: error ?? LEDGER_CANNOT_HOLD };
    }
    const ledgerTransactionId = this.post(
      postingIdempotencyKey({ kind: 'promotion', platformId: command.caller.platformId, operatorId: command.caller.operatorId, awardId: command.awardId }),
      PROMOTION_POSTING_KINDS[command.kind],
      player,
      account,
      houseAccountPurposeText(HouseAccountPurpose.Promotions, command.caller.platformId),
      amount,
      balanceAfter,
    );
    const balance = balanceAfter.toDecimalString();
    this.writes.insertedPromotionCredits.push({ ...row, status: 'OK', errorKind: null, balanceAfter: balance, ledgerTransactionId });
    this.state.promotionCredits.set(key, { ...row, errorKind: null, balanceAfter: balance, ledgerTransactionId });
    this.writes.events.push({
      eventType: LedgerEventType.PromotionCreditApplied,
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      userId: command.userId,
      awardId: command.awardId,
      ledgerTransactionId,
      kind: command.kind,
      amount: amount.toDecimalString(),
      currency: command.currency,
      campaignCode: command.campaignCode,
      balanceAfter: balance,
      occurredAt: this.state.now.toISOString(),
    });
    return { ok: true, result: { balance, currency: player.currency, ledgerTransactionId } };
  }

  /** A balanced posting between the player and a house account (by its purpose text). */
  private post(idempotencyKey: string, kind: PostingKind, player: PlayerFacts, account: AccountFacts, housePurpose: string, effect: Money, balanceAfter: Money): string {
    const id = this.newId();
    const currency = account.balance.currencyCode;
    this.writes.ledgerTransactions.push({ id, idempotencyKey, kind, currency });
    // A zero-amount play (a losing round's WIN 0, a free spin) is a transaction without entries:
    // nothing moves, and no entry of 0.00 clutters the account's history.
    if (!effect.isZero()) {
      const house = this.state.houseAccounts.get(houseKey(player.operatorId, currency, housePurpose));
      if (!house) throw new Error(`house account ${housePurpose} in ${currency} was not opened before the decision`);
      this.writes.ledgerEntries.push({ transactionId: id, accountId: account.id, amount: effect.toDecimalString(), balanceAfter: balanceAfter.toDecimalString() });
      this.writes.ledgerEntries.push({ transactionId: id, accountId: house, amount: effect.negate().toDecimalString(), balanceAfter: null });
      const update = this.writes.accountUpdates.get(account.id);
      if (update) update.balance = balanceAfter;
      else this.writes.accountUpdates.set(account.id, { playerId: player.id, balance: balanceAfter, expectedVersion: account.version });
      account.balance = balanceAfter;
    }
    return id;
  }

  private recordRefused(key: string, player: PlayerFacts, command: ChangeBalanceCommand, amount: Money, error: WalletError): WalletReply<ChangeBalanceResult> {
    this.insertRow(key, player, command, amount, { status: GameTransactionStatus.Error, errorKind: error.kind, balanceAfter: null, ledgerTransactionId: null, winWithoutBet: false });
    return { ok: false, error };
  }

  private insertRow(
    key: string,
    player: PlayerFacts,
    command: ChangeBalanceCommand,
    amount: Money,
    outcome: Pick<GameTransactionRow, 'status' | 'errorKind' | 'balanceAfter' | 'ledgerTransactionId' | 'winWithoutBet'>,
  ): GameTransactionRow {
    const row: GameTransactionRow = {
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      transactionId: command.transactionId,
      userId: command.userId,
      playerId: player.id,
      type: command.type,
      amount: amount.toDecimalString(),
      currency: command.currency,
      gameId: command.gameId,
      roundId: command.roundId,
      roundFinished: command.roundFinished,
      rake: command.rake,
      reason: command.reason,
      platformCreatedAt: command.transactionTimestamp,
      cancelLedgerTransactionId: null,
      canceled: false,
      historyId: command.historyId ?? null,
      campaignCode: command.campaignCode ?? null,
      ticketId: command.ticketId ?? null,
      ...outcome,
    };
    this.writes.insertedTransactions.push(row);
    this.pendingRows.set(key, row);
    this.state.transactions.set(key, {
      id: null,
      userId: row.userId,
      playerId: row.playerId,
      type: row.type,
      amount: row.amount,
      currency: row.currency,
      gameId: row.gameId,
      roundId: row.roundId,
      status: row.status,
      errorKind: row.errorKind,
      balanceAfter: row.balanceAfter,
      reason: row.reason,
      campaignCode: row.campaignCode,
    });
    return row;
  }

  /** The cancel of a transaction we had not seen: remembered, so the late original is refused. */
  private insertCancelMark(key: string, player: PlayerFacts, command: CancelTransactionCommand): void {
    const row: GameTransactionRow = {
      platformId: command.caller.platformId,
      operatorId: command.caller.operatorId,
      transactionId: command.transactionId,
      userId: command.userId,
      playerId: player.id,
      type: null,
      amount: null,
      currency: null,
      gameId: null,
      roundId: null,
      roundFinished: null,
      rake: null,
      reason: null,
      platformCreatedAt: null,
      status: GameTransactionStatus.Canceled,
      errorKind: null,
      balanceAfter: null,
      ledgerTransactionId: null,
      cancelLedgerTransactionId: null,
      canceled: true,
      historyId: null,
      campaignCode: null,
      ticketId: null,
      winWithoutBet: false,
    };
    this.writes.insertedTransactions.push(row);
    this.pendingRows.set(key, row);
    this.state.transactions.set(key, {
      id: null,
      userId: command.userId,
      playerId: player.id,
      type: null,
      amount: null,
      currency: null,
      gameId: null,
      roundId: null,
      status: GameTransactionStatus.Canceled,
      errorKind: null,
      balanceAfter: null,
      reason: null,
      campaignCode: null,
    });
  }

  private markCanceled(key: string, known: KnownTransaction, cancelLedgerTransactionId: string | null): void {
    const pending = this.pendingRows.get(key);
    if (pending) {
      pending.status = GameTransactionStatus.Canceled;
      pending.canceled = true;
      pending.cancelLedgerTransactionId = cancelLedgerTransactionId;
    } else {
      this.writes.canceledTransactions.push({ id: known.id as string, cancelLedgerTransactionId, fromStatus: known.status });
    }
    known.status = GameTransactionStatus.Canceled;
  }

  private betFacts(player: PlayerFacts, account: AccountFacts, command: ChangeBalanceCommand): BetFacts {
    const session = command.token === null ? undefined : this.state.sessions.get(command.token);
    const sessionValid =
      session !== undefined &&
      session.playerId === player.id &&
      session.operatorId === player.operatorId &&
      !session.revoked &&
      session.expiresAt.getTime() > this.state.now.getTime() &&
      (session.gameId === null || session.gameId === command.gameId);
    const currency = currencyCodeOf(command.currency);
    const totals = this.state.dailyTotals.get(accountKey(player.id, command.currency));
    const limits = this.state.limits.get(player.id);
    return {
      playerBlocked: player.blocked,
      playerCurrency: player.currency,
      sessionValid,
      gameEnabled: this.state.games.get(gameKey(command.caller.platformId, command.gameId))?.enabled ?? true,
      balance: account.balance,
      dailyWagerLimit: limits?.dailyWagerLimit ?? null,
      dailyLossLimit: limits?.dailyLossLimit ?? null,
      wageredToday: totals?.wagered ?? Money.zero(AMOUNT_SCALE, currency),
      netLossToday: totals?.netLoss ?? Money.zero(AMOUNT_SCALE, currency),
    };
  }

  private accountOf(player: PlayerFacts, currency: string): AccountFacts {
    const account = this.state.playerAccounts.get(accountKey(player.id, currency));
    if (!account) throw new Error(`account of player ${player.id} in ${currency} was not opened before the decision`);
    return account;
  }

  private vendorOf(platformId: string, gameId: string): string | null {
    return this.state.games.get(gameKey(platformId, gameId))?.vendor ?? null;
  }

  /** Round sums by type; `amount` is signed (a cancel subtracts). round_finished=true closes the round. */
  private addToRound(platformId: string, operatorId: string, roundId: string, playerId: string, gameId: string, type: GameTransactionType, amount: Money, roundFinished: boolean | null): void {
    const key = roundKey(platformId, operatorId, roundId);
    let round = this.writes.rounds.get(key);
    if (!round) {
      const zero = Money.zero(AMOUNT_SCALE, amount.currencyCode);
      round = { platformId, operatorId, roundId, playerId, gameId, currency: amount.currencyCode, bet: zero, win: zero, refund: zero, finished: false };
      this.writes.rounds.set(key, round);
    }
    switch (type) {
      case GameTransactionType.Bet:
        round.bet = round.bet.add(amount);
        break;
      case GameTransactionType.Win:
        round.win = round.win.add(amount);
        break;
      case GameTransactionType.Refund:
        round.refund = round.refund.add(amount);
        break;
      default:
        assertNever(type);
    }
    round.finished = round.finished || roundFinished === true;
  }

  /**
   * Daily totals for responsible-gambling limits, per UTC day: a BET adds to the wager and the net
   * loss, a WIN or REFUND takes from the net loss. `amount` is signed (a cancel passes it negated,
   * and counts on the day of the cancel).
   */
  private addToDailyTotals(playerId: string, type: GameTransactionType, amount: Money): void {
    const zero = Money.zero(AMOUNT_SCALE, amount.currencyCode);
    let wagered: Money;
    let netLoss: Money;
    switch (type) {
      case GameTransactionType.Bet:
        wagered = amount;
        netLoss = amount;
        break;
      case GameTransactionType.Win:
      case GameTransactionType.Refund:
        wagered = zero;
        netLoss = amount.negate();
        break;
      default:
        return assertNever(type);
    }
    const key = accountKey(playerId, amount.currencyCode);
    const today = this.state.dailyTotals.get(key) ?? { wagered: zero, netLoss: zero };
    today.wagered = today.wagered.add(wagered);
    today.netLoss = today.netLoss.add(netLoss);
    this.state.dailyTotals.set(key, today);
    const change = this.writes.dailyTotals.get(key) ?? { playerId, currency: amount.currencyCode, wagered: zero, netLoss: zero };
    change.wagered = change.wagered.add(wagered);
    change.netLoss = change.netLoss.add(netLoss);
    this.writes.dailyTotals.set(key, change);
  }
}

/** The stored outcome of a transaction id we have seen, for an incoming changebalance. */
function replayChangeBalance(known: KnownTransaction, command: ChangeBalanceCommand, amount: Money): WalletReply<ChangeBalanceResult> {
  if (known.type === null) {
    // A cancel came first and was answered "not found": applying the transaction now would
    // contradict that answer, so it is refused for good.
    return refused(WalletErrorKind.OperationFailed, 'Transaction was canceled before it arrived');
  }
  const stored: TransactionFingerprint = {
    type: known.type,
    userId: known.userId,
    amount: known.amount as string,
    currency: known.currency as string,
    gameId: known.gameId as string,
    roundId: known.roundId as string,
  };
  const incoming: TransactionFingerprint = {
    type: command.type,
    userId: command.userId,
    amount: amount.toDecimalString(),
    currency: command.currency,
    gameId: command.gameId,
    roundId: command.roundId,
  };
  const match = matchStoredRequest({ fingerprint: stored, outcome: known }, incoming);
  switch (match.kind) {
    case 'new':
      throw new Error('a known transaction cannot be new');
    case 'key-reused':
      return refused(WalletErrorKind.DuplicateTransaction, 'Duplicated transaction ID');
    case 'retry':
      if (known.errorKind) return refused(known.errorKind, storedErrorMessage(known.errorKind));
      return { ok: true, result: { balance: known.balanceAfter as string, currency: known.currency as string } };
    default:
      return assertNever(match);
  }
}

const CURRENCY_MISMATCH: WalletError = { kind: WalletErrorKind.CurrencyMismatch, message: 'Invalid currency' };

/** A balance the ledger cannot hold (beyond DECIMAL(18,2)) is refused for good, never retried. */
const LEDGER_CANNOT_HOLD: WalletError = { kind: WalletErrorKind.OperationFailed, message: 'The balance would exceed what the ledger can hold' };

function addWithinLedger(balance: Money, effect: Money): Money | null {
  try {
    return balance.add(effect);
  } catch (error) {
    if (error instanceof MoneyInvariantError) return null;
    throw error;
  }
}

function storedErrorMessage(kind: WalletErrorKind): string {
  return `Refused earlier: ${kind.toLowerCase().replace(/_/g, ' ')}`;
}

function refused<T>(kind: WalletErrorKind, message: string): WalletReply<T> {
  return { ok: false, error: { kind, message } };
}
