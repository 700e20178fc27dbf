import { GameTransactionType } from '@wallet-platform/contracts';
import { AMOUNT_SCALE, Money, RAKE_SCALE, type CurrencyCode } from '@wallet-platform/money';
import { PayoutKind, type ReportedTransaction } from './reportable-event';

/** The platform's reason for promotional free spins (Operator API, `context.reason`). */
export const FREE_SPIN_REASON = 'PROMO-FREESPIN';
/**
 * A WIN is a jackpot when its reason names one: the Operator API leaves reasons to the vendors
 * ("can vary per game"), and the ones seen carry the word (`JACKPOT`, `JACKPOT-WIN`, `MINI_JACKPOT`).
 */
const JACKPOT_REASON_PATTERN = /JACKPOT/i;

export function payoutKindOf(reason: string | null): PayoutKind {
  if (reason === FREE_SPIN_REASON) return PayoutKind.FreeSpin;
  if (reason !== null && JACKPOT_REASON_PATTERN.test(reason)) return PayoutKind.Jackpot;
  return PayoutKind.Regular;
}

const PLATFORM_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}$/;

/**
 * The UTC day a game transaction belongs to: the platform's own time of the transaction when the
 * event carries it (so that our day is the day of the platform's business report, even when the
 * wallet applied it a few seconds after midnight), else the time the wallet committed it.
 * Null when neither is a valid time.
 */
export function dayOfGameTransaction(platformCreatedAt: string | null, occurredAt: string): string | null {
  if (platformCreatedAt !== null) {
    const match = PLATFORM_TIME_PATTERN.exec(platformCreatedAt);
    if (match === null || Number.isNaN(Date.parse(`${platformCreatedAt.replace(' ', 'T')}Z`))) return null;
    return match[1];
  }
  const committed = new Date(occurredAt);
  return Number.isNaN(committed.getTime()) ? null : committed.toISOString().slice(0, 10);
}

/** The row of `daily_game_totals` a transaction counts in. */
export interface DailyGameKey {
  readonly day: string;
  readonly operatorId: string;
  readonly platformId: string;
  readonly vendor: string;
  readonly gameId: string;
  readonly currency: CurrencyCode;
}

/** Changes to one `daily_game_totals` row. Sums are exact Money, counts bigint. */
export interface DailyGameFigures {
  betsSum: Money;
  betsCount: bigint;
  winsSum: Money;
  winsCount: bigint;
  freeSpinWinsSum: Money;
  freeSpinWinsCount: bigint;
  jackpotWinsSum: Money;
  jackpotWinsCount: bigint;
  refundsSum: Money;
  refundsCount: bigint;
  canceledBetsSum: Money;
  canceledBetsCount: bigint;
  canceledWinsSum: Money;
  canceledWinsCount: bigint;
  canceledRefundsSum: Money;
  canceledRefundsCount: bigint;
  rakeSum: Money;
}

/** The row of `player_daily_totals` a transaction counts in. */
export interface PlayerDayKey {
  readonly day: string;
  readonly operatorId: string;
  readonly platformId: string;
  readonly userId: string;
  readonly currency: CurrencyCode;
}

/** Changes to one `player_daily_totals` row: every kind of win together. */
export interface PlayerDayFigures {
  betsSum: Money;
  betsCount: bigint;
  winsSum: Money;
  winsCount: bigint;
  refundsSum: Money;
  refundsCount: bigint;
}

export function zeroDailyGameFigures(currency: CurrencyCode): DailyGameFigures {
  const zero = Money.zero(AMOUNT_SCALE, currency);
  return {
    betsSum: zero, betsCount: 0n, winsSum: zero, winsCount: 0n, freeSpinWinsSum: zero, freeSpinWinsCount: 0n,
    jackpotWinsSum: zero, jackpotWinsCount: 0n, refundsSum: zero, refundsCount: 0n,
    canceledBetsSum: zero, canceledBetsCount: 0n, canceledWinsSum: zero, canceledWinsCount: 0n,
    canceledRefundsSum: zero, canceledRefundsCount: 0n, rakeSum: Money.zero(RAKE_SCALE, currency),
  };
}

export function zeroPlayerDayFigures(currency: CurrencyCode): PlayerDayFigures {
  const zero = Money.zero(AMOUNT_SCALE, currency);
  return { betsSum: zero, betsCount: 0n, winsSum: zero, winsCount: 0n, refundsSum: zero, refundsCount: 0n };
}

export function dailyGameKeyOf(transaction: ReportedTransaction): DailyGameKey {
  const { day, vendor, gameId, currency } = transaction;
  return { day, operatorId: transaction.key.operatorId, platformId: transaction.key.platformId, vendor, gameId, currency };
}

export function playerDayKeyOf(transaction: ReportedTransaction): PlayerDayKey {
  const { day, userId, currency } = transaction;
  return { day, operatorId: transaction.key.operatorId, platformId: transaction.key.platformId, userId, currency };
}

/**
 * Adds a transaction to the figures of its day (`applied`) or takes it out again (`canceled`):
 * the Operator API wants a canceled transaction excluded from the reports, so a cancel subtracts
 * the original from its sums and counts and adds it to the matching `canceled…` figures instead.
 */
export function addGameTransaction(figures: DailyGameFigures, transaction: ReportedTransaction, change: 'applied' | 'canceled'): void {
  const sign = change === 'applied' ? 1n : -1n;
  const amount = change === 'applied' ? transaction.amount : transaction.amount.negate();
  const canceled = change === 'canceled';
  switch (transaction.transactionType) {
    case GameTransactionType.Bet:
      figures.betsSum = figures.betsSum.add(amount);
      figures.betsCount += sign;
      if (canceled) {
        figures.canceledBetsSum = figures.canceledBetsSum.add(transaction.amount);
        figures.canceledBetsCount += 1n;
      }
      return;
    case GameTransactionType.Refund:
      figures.refundsSum = figures.refundsSum.add(amount);
      figures.refundsCount += sign;
      if (canceled) {
        figures.canceledRefundsSum = figures.canceledRefundsSum.add(transaction.amount);
        figures.canceledRefundsCount += 1n;
      }
      return;
    case GameTransactionType.Win:
      addWin(figures, transaction, amount, sign);
      if (transaction.rake !== null) figures.rakeSum = figures.rakeSum.add(canceled ? transaction.rake.negate() : transaction.rake);
      if (canceled) {
        figures.canceledWinsSum = figures.canceledWinsSum.add(transaction.amount);
        figures.canceledWinsCount += 1n;
      }
      return;
    default:
      return assertNever(transaction.transactionType);
  }
}

function addWin(figures: DailyGameFigures, transaction: ReportedTransaction, amount: Money, sign: bigint): void {
  const kind = transaction.payoutKind;
  if (kind === null) throw new Error(`WIN ${transaction.key.transactionId} has no payout kind`);
  switch (kind) {
    case PayoutKind.Regular:
      figures.winsSum = figures.winsSum.add(amount);
      figures.winsCount += sign;
      return;
    case PayoutKind.FreeSpin:
      figures.freeSpinWinsSum = figures.freeSpinWinsSum.add(amount);
      figures.freeSpinWinsCount += sign;
      return;
    case PayoutKind.Jackpot:
      figures.jackpotWinsSum = figures.jackpotWinsSum.add(amount);
      figures.jackpotWinsCount += sign;
      return;
    default:
      return assertNever(kind);
  }
}

/** The player's day: a cancel takes the transaction out again, whatever kind of win it was. */
export function addPlayerTransaction(figures: PlayerDayFigures, transaction: ReportedTransaction, change: 'applied' | 'canceled'): void {
  const sign = change === 'applied' ? 1n : -1n;
  const amount = change === 'applied' ? transaction.amount : transaction.amount.negate();
  switch (transaction.transactionType) {
    case GameTransactionType.Bet:
      figures.betsSum = figures.betsSum.add(amount);
      figures.betsCount += sign;
      return;
    case GameTransactionType.Win:
      figures.winsSum = figures.winsSum.add(amount);
      figures.winsCount += sign;
      return;
    case GameTransactionType.Refund:
      figures.refundsSum = figures.refundsSum.add(amount);
      figures.refundsCount += sign;
      return;
    default:
      return assertNever(transaction.transactionType);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled kind ${JSON.stringify(value)}`);
}

/**
 * Figures of many transactions grouped by their row, in memory, so that a batch of events makes one
 * upsert per row. Rows come out sorted by key: every transaction that writes aggregates locks the
 * rows in the same order, so two consumers never deadlock on them.
 */
export class FiguresByKey<K extends object, F> {
  private readonly rows = new Map<string, { key: K; figures: F }>();

  constructor(private readonly zero: (key: K) => F) {}

  figuresOf(key: K): F {
    const id = JSON.stringify(Object.values(key));
    let row = this.rows.get(id);
    if (!row) {
      row = { key, figures: this.zero(key) };
      this.rows.set(id, row);
    }
    return row.figures;
  }

  sorted(): Array<{ key: K; figures: F }> {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  }
}
