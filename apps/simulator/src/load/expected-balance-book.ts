import type { Money } from '@wallet-platform/money';

/**
 * What each player's balance must be, from what the operator told us and nothing else: an OK
 * changebalance applies its amount once (however often it is retried), a refused one changes
 * nothing, a canceled one is undone if it had been applied. After a load run each live balance is
 * compared with this book; any difference is a lost or doubled transaction.
 */
export const TransactionState = { Applied: 'APPLIED', Refused: 'REFUSED', Canceled: 'CANCELED' } as const;
export type TransactionState = (typeof TransactionState)[keyof typeof TransactionState];

interface TransactionRecord {
  readonly userId: string;
  /** Signed: a BET is negative, a WIN or REFUND positive. */
  readonly delta: Money;
  state: TransactionState;
  /** Whether the delta is in the expected balance now. */
  counted: boolean;
}

export interface Anomaly {
  readonly userId: string;
  readonly transactionId: string;
  readonly what: string;
}

export interface BalanceDifference {
  readonly userId: string;
  readonly expected: string;
  readonly actual: string;
  /** actual − expected. */
  readonly difference: string;
}

/** Anomalies kept in detail; beyond this only the count grows (a broken operator would flood memory). */
export const ANOMALIES_KEPT_MAX = 100;

export class ExpectedBalanceBook {
  private readonly balances = new Map<string, Money>();
  private readonly transactions = new Map<string, TransactionRecord>();
  private readonly uncertain = new Map<string, string>();
  readonly anomalies: Anomaly[] = [];
  anomalyCount = 0;

  /** Starts a player at the balance the operator reported before the run. */
  open(userId: string, balance: Money): void {
    if (this.balances.has(userId)) throw new Error(`player ${userId} opened twice`);
    this.balances.set(userId, balance);
  }

  expectedOf(userId: string): Money {
    const balance = this.balances.get(userId);
    if (!balance) throw new Error(`player ${userId} was never opened`);
    return balance;
  }

  /** The operator answered OK to this changebalance. */
  applied(userId: string, transactionId: string, delta: Money): void {
    const known = this.transactions.get(transactionId);
    if (!known) {
      this.transactions.set(transactionId, { userId, delta, state: TransactionState.Applied, counted: true });
      this.move(userId, delta);
      return;
    }
    // We never send one id with two amounts: that would be a bug in the simulator, not the operator.
    if (known.userId !== userId || !known.delta.equals(delta)) throw new Error(`transaction ${transactionId} booked with two different amounts`);
    if (known.state === TransactionState.Applied) return;
    this.flag(userId, transactionId, `OK after it was ${known.state.toLowerCase()}`);
    known.state = TransactionState.Applied;
    if (!known.counted) {
      known.counted = true;
      this.move(userId, delta);
    }
  }

  /** The operator refused it (an OP_xx code that means "not applied", e.g. OP_31). */
  refused(userId: string, transactionId: string, delta: Money): void {
    const known = this.transactions.get(transactionId);
    if (!known) {
      this.transactions.set(transactionId, { userId, delta, state: TransactionState.Refused, counted: false });
      return;
    }
    if (known.state === TransactionState.Applied) this.flag(userId, transactionId, 'refused after it was applied');
  }

  /** The operator answered CANCELED (or OP_41: it never had it, and will refuse it from now on). */
  canceled(userId: string, transactionId: string, delta: Money): void {
    const known = this.transactions.get(transactionId);
    if (!known) {
      this.transactions.set(transactionId, { userId, delta, state: TransactionState.Canceled, counted: false });
      return;
    }
    known.state = TransactionState.Canceled;
    if (known.counted) {
      known.counted = false;
      this.move(userId, delta.negate());
    }
  }

  /** We cannot know this player's balance any more (e.g. a WIN that never got an answer). */
  markUncertain(userId: string, reason: string): void {
    if (!this.uncertain.has(userId)) this.uncertain.set(userId, reason);
  }

  /** The answer that made the player uncertain has come after all (a platform's later retry). */
  resolved(userId: string): void {
    this.uncertain.delete(userId);
  }

  isUncertain(userId: string): boolean {
    return this.uncertain.has(userId);
  }

  uncertainPlayers(): Array<{ userId: string; reason: string }> {
    return [...this.uncertain].map(([userId, reason]) => ({ userId, reason }));
  }

  /** null when the live balance is what the book says. */
  compare(userId: string, actual: Money): BalanceDifference | null {
    const expected = this.expectedOf(userId);
    if (expected.equals(actual)) return null;
    return { userId, expected: expected.toDecimalString(), actual: actual.toDecimalString(), difference: actual.subtract(expected).toDecimalString() };
  }

  flag(userId: string, transactionId: string, what: string): void {
    this.anomalyCount++;
    if (this.anomalies.length < ANOMALIES_KEPT_MAX) this.anomalies.push({ userId, transactionId, what });
  }

  private move(userId: string, delta: Money): void {
    this.balances.set(userId, this.expectedOf(userId).add(delta));
  }
}
