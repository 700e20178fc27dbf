import type { EntityManager } from 'typeorm';
import type { Money } from '@wallet-platform/money';
import type { PostingKind } from './ledger-kinds';

/** One leg of a posting: a signed decimal amount on one account. */
export interface PostingLeg {
  readonly accountId: string;
  readonly accountKind: 'player' | 'house';
  /** Signed, scale 2: credit positive, debit negative. */
  readonly amount: Money;
}

export interface Posting {
  readonly idempotencyKey: string;
  readonly kind: PostingKind;
  readonly currency: string;
  readonly legs: readonly PostingLeg[];
}

export interface PostedTransaction {
  readonly transactionId: string;
  /** Balance after the posting of every player account it touched, by account id. */
  readonly playerBalancesAfter: ReadonlyMap<string, string>;
}

export class InsufficientFundsError extends Error {
  constructor(readonly accountId: string) {
    super(`account ${accountId} would go below zero`);
    this.name = 'InsufficientFundsError';
  }
}

export class StaleWriterError extends Error {
  constructor(
    readonly accountId: string,
    /** The newer fence the account holds, when known: a lock re-taken above it may write. */
    readonly storedFence: bigint | null = null,
  ) {
    super(`account ${accountId} was written by a newer lock holder`);
    this.name = 'StaleWriterError';
  }
}

const LEGS_MAX = 8;

/**
 * Writes one balanced ledger transaction inside the caller's database transaction: the
 * transaction row (its unique idempotency key is the last guard against applying a command
 * twice), one entry per leg, and each player account's new balance. A player account update is
 * conditional on the caller's lock fence being current and on the balance staying non-negative;
 * zero affected rows means the write is refused (TypeORM's @VersionColumn does not check this,
 * typeorm#2848, so the conditional UPDATE is written out here).
 */
export async function postLedgerTransaction(manager: EntityManager, posting: Posting, fence: bigint): Promise<PostedTransaction> {
  assertBalanced(posting);
  const [{ id: transactionId }] = (await manager.query(
    `INSERT INTO ledger_transactions (idempotency_key, kind, currency) VALUES ($1, $2, $3) RETURNING id`,
    [posting.idempotencyKey, posting.kind, posting.currency],
  )) as Array<{ id: string }>;

  const playerBalancesAfter = new Map<string, string>();
  for (const leg of posting.legs) {
    let balanceAfter: string | null = null;
    if (leg.amount.isZero()) {
      // A zero-amount play (a losing round's WIN 0, a free spin) is recorded as a transaction
      // without entries: nothing moves, and no entry of 0.00 clutters the account's history.
      if (leg.accountKind === 'player') {
        const [row] = (await manager.query(`SELECT balance::text AS balance FROM accounts WHERE id = $1`, [leg.accountId])) as Array<{ balance: string }>;
        playerBalancesAfter.set(leg.accountId, row.balance);
      }
      continue;
    }
    if (leg.accountKind === 'player') {
      const updated = (await manager.query(
        `UPDATE accounts
            SET balance = balance + $2::numeric, version = version + 1, fence = $3
          WHERE id = $1 AND kind = 'player' AND fence <= $3 AND balance + $2::numeric >= 0
          RETURNING balance::text AS balance`,
        [leg.accountId, leg.amount.toDecimalString(), fence.toString()],
      )) as [Array<{ balance: string }>, number];
      const rows = updated[0];
      if (rows.length !== 1) {
        await throwWhyNotUpdated(manager, leg, fence);
      }
      balanceAfter = rows[0].balance;
      playerBalancesAfter.set(leg.accountId, balanceAfter);
    }
    await manager.query(`INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after) VALUES ($1, $2, $3::numeric, $4::numeric)`, [
      transactionId,
      leg.accountId,
      leg.amount.toDecimalString(),
      balanceAfter,
    ]);
  }
  return { transactionId, playerBalancesAfter };
}

function assertBalanced(posting: Posting): void {
  if (posting.legs.length < 2 || posting.legs.length > LEGS_MAX) {
    throw new Error(`a posting has 2..${LEGS_MAX} legs, got ${posting.legs.length}`);
  }
  // Money.add throws on a currency or scale mismatch: one posting, one currency.
  const sum = posting.legs.slice(1).reduce((total, leg) => total.add(leg.amount), posting.legs[0].amount);
  if (sum.currencyCode !== posting.currency) throw new Error(`posting ${posting.idempotencyKey} legs are in ${sum.currencyCode}, not ${posting.currency}`);
  // A broken invariant is a bug: fail loudly before anything is written.
  if (!sum.isZero()) throw new Error(`posting ${posting.idempotencyKey} does not balance: sum ${sum.toDecimalString()}`);
}

async function throwWhyNotUpdated(manager: EntityManager, leg: PostingLeg, fence: bigint): Promise<never> {
  const rows = (await manager.query(`SELECT fence::text AS fence FROM accounts WHERE id = $1`, [leg.accountId])) as Array<{ fence: string }>;
  if (rows.length === 0) throw new Error(`account ${leg.accountId} does not exist`);
  if (BigInt(rows[0].fence) > fence) throw new StaleWriterError(leg.accountId, BigInt(rows[0].fence));
  throw new InsufficientFundsError(leg.accountId);
}
