import { GameTransactionType, WalletErrorKind, type WalletError } from '@wallet-platform/contracts';
import { assertNever } from '../ledger/ledger-kinds';
import type { Money } from '@wallet-platform/money';
import type { RequestFingerprint } from '../idempotency/idempotency';

/**
 * The rules of play, as pure functions of facts already read from the ledger. No I/O here: the
 * handler reads the facts under the player's lock, asks these functions, and writes the outcome.
 * Each refusal is a value with a precise kind; the protocol adapter maps it to its own code.
 */

export interface BetFacts {
  readonly playerBlocked: boolean;
  readonly playerCurrency: string;
  /** The token names a live session of this player (and of this game, if the session has one). */
  readonly sessionValid: boolean;
  readonly gameEnabled: boolean;
  readonly balance: Money;
  readonly dailyWagerLimit: Money | null;
  readonly dailyLossLimit: Money | null;
  readonly wageredToday: Money;
  readonly netLossToday: Money;
}

/**
 * Why a BET must be refused, or null if it may be applied. The order is the order a person would
 * ask in: is this the player's session, may they play at all, in this currency, this game, within
 * their limits, with this money.
 */
export function refuseBet(facts: BetFacts, amount: Money, currency: string): WalletError | null {
  if (!facts.sessionValid) return refusal(WalletErrorKind.InvalidToken, 'Invalid token');
  if (facts.playerBlocked) return refusal(WalletErrorKind.PlayerBlocked, 'Player is blocked');
  if (currency !== facts.playerCurrency) return refusal(WalletErrorKind.CurrencyMismatch, 'Invalid currency');
  if (!facts.gameEnabled) return refusal(WalletErrorKind.GameDisabled, 'Game is disabled');
  if (facts.dailyWagerLimit && facts.wageredToday.add(amount).compare(facts.dailyWagerLimit) > 0) {
    return refusal(WalletErrorKind.LimitReached, 'Daily wager limit reached');
  }
  if (facts.dailyLossLimit && facts.netLossToday.add(amount).compare(facts.dailyLossLimit) > 0) {
    return refusal(WalletErrorKind.LimitReached, 'Daily loss limit reached');
  }
  if (facts.balance.compare(amount) < 0) return refusal(WalletErrorKind.InsufficientFunds, 'Insufficient funds');
  return null;
}

/**
 * Why a WIN or REFUND must be refused, or null. Money owed to a player is paid even if their
 * session has ended, they were blocked since, or the game was switched off: only a currency we
 * cannot credit is refused.
 */
export function refuseCredit(playerCurrency: string, currency: string): WalletError | null {
  return currency === playerCurrency ? null : refusal(WalletErrorKind.CurrencyMismatch, 'Invalid currency');
}

/**
 * What makes two requests with one transaction id "the same transaction" (the OP_40 rule): a
 * retry must repeat the original exactly in everything that moves money or names the play.
 * `matchStoredRequest` (idempotency/) compares two of these.
 */
export interface TransactionFingerprint extends RequestFingerprint {
  readonly type: GameTransactionType;
  readonly userId: string;
  /** Decimal string with exactly two decimals. */
  readonly amount: string;
  readonly currency: string;
  readonly gameId: string;
  readonly roundId: string;
}

/** Signed effect of a transaction on the player's balance: a BET takes, a WIN or REFUND gives. */
export function playerEffect(type: GameTransactionType, amount: Money): Money {
  switch (type) {
    case GameTransactionType.Bet:
      return amount.negate();
    case GameTransactionType.Win:
    case GameTransactionType.Refund:
      return amount;
    default:
      return assertNever(type);
  }
}

function refusal(kind: WalletErrorKind, message: string): WalletError {
  return { kind, message };
}
