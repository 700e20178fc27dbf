import type { EntityManager } from 'typeorm';

/** How many offending rows a report lists per invariant (the counts are always complete). */
export const VIOLATIONS_LISTED_MAX = 20;

export interface LedgerInvariantReport {
  readonly ok: boolean;
  readonly playerAccountsChecked: number;
  readonly transactionsChecked: number;
  readonly violations: {
    /** Player accounts whose stored balance differs from the sum of their entries. */
    readonly balanceNotSumOfEntries: { count: number; examples: Array<{ accountId: string; balance: string; entriesSum: string }> };
    /** Ledger transactions whose entries do not sum to zero. */
    readonly transactionNotBalanced: { count: number; examples: Array<{ transactionId: string; entriesSum: string }> };
    /** Player accounts whose newest entry's balance_after is not the stored balance. */
    readonly lastBalanceAfterMismatch: { count: number; examples: Array<{ accountId: string; balance: string; lastBalanceAfter: string }> };
    /** Applied or reversed game transactions without their ledger transaction. */
    readonly gameTransactionWithoutLedger: { count: number; examples: Array<{ id: string; status: string }> };
    /** Aggregator in-transit accounts whose balance is not the sum of that aggregator's open transfers. */
    readonly aggregatorInTransitMismatch: { count: number; examples: Array<{ housePurpose: string; operatorId: string; currency: string; balance: string; openTransfers: string }> };
  };
}

/**
 * Checks, over the whole ledger, what must always hold: every player account's balance is the
 * sum of its entries (and the balance after its newest entry), every transaction sums to zero,
 * and every applied or reversed platform transaction has its ledger transaction. Read-only; run it
 * in a REPEATABLE READ transaction so all checks see one snapshot.
 */
export async function checkLedgerInvariants(manager: EntityManager): Promise<LedgerInvariantReport> {
  const balanceNotSum = (await manager.query(
    `SELECT a.id AS "accountId", a.balance::text AS balance, COALESCE(SUM(e.amount), 0)::numeric(18,2)::text AS "entriesSum"
       FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
      WHERE a.kind = 'player'
      GROUP BY a.id, a.balance
     HAVING a.balance <> COALESCE(SUM(e.amount), 0)`,
  )) as Array<{ accountId: string; balance: string; entriesSum: string }>;
  const notBalanced = (await manager.query(
    `SELECT transaction_id AS "transactionId", SUM(amount)::text AS "entriesSum"
       FROM ledger_entries GROUP BY transaction_id HAVING SUM(amount) <> 0`,
  )) as Array<{ transactionId: string; entriesSum: string }>;
  const lastMismatch = (await manager.query(
    `SELECT a.id AS "accountId", a.balance::text AS balance, last.balance_after::text AS "lastBalanceAfter"
       FROM accounts a
       JOIN LATERAL (SELECT balance_after FROM ledger_entries e WHERE e.account_id = a.id ORDER BY e.id DESC LIMIT 1) last ON true
      WHERE a.kind = 'player' AND last.balance_after IS DISTINCT FROM a.balance`,
  )) as Array<{ accountId: string; balance: string; lastBalanceAfter: string }>;
  const withoutLedger = (await manager.query(
    `SELECT id, status FROM game_transactions
      WHERE (status = 'OK' AND ledger_transaction_id IS NULL)
         OR (status = 'CANCELED' AND ledger_transaction_id IS NOT NULL AND cancel_ledger_transaction_id IS NULL)`,
  )) as Array<{ id: string; status: string }>;
  // The in-transit account holds exactly the money of the transfers not yet settled (pending,
  // sending, unknown): each one's "sent" posting put its amount there, its settle takes it out.
  const inTransitMismatch = (await manager.query(
    `WITH held AS (
       SELECT a.house_purpose, a.operator_id, a.currency, COALESCE(SUM(e.amount), 0) AS balance
         FROM accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
        WHERE a.kind = 'house' AND a.house_purpose LIKE 'aggregator-in-transit:%'
        GROUP BY a.house_purpose, a.operator_id, a.currency),
     open AS (
       SELECT 'aggregator-in-transit:' || aggregator_id AS house_purpose, operator_id, currency, SUM(amount) AS amount
         FROM aggregator_transfers WHERE state IN ('pending', 'sending', 'unknown')
        GROUP BY aggregator_id, operator_id, currency)
     SELECT COALESCE(h.house_purpose, o.house_purpose) AS "housePurpose", COALESCE(h.operator_id, o.operator_id) AS "operatorId",
            COALESCE(h.currency, o.currency) AS currency, COALESCE(h.balance, 0)::numeric(18,2)::text AS balance,
            COALESCE(o.amount, 0)::numeric(18,2)::text AS "openTransfers"
       FROM held h FULL JOIN open o ON o.house_purpose = h.house_purpose AND o.operator_id = h.operator_id AND o.currency = h.currency
      WHERE COALESCE(h.balance, 0) <> COALESCE(o.amount, 0)`,
  )) as Array<{ housePurpose: string; operatorId: string; currency: string; balance: string; openTransfers: string }>;
  const [{ accounts }] = (await manager.query(`SELECT count(*)::int AS accounts FROM accounts WHERE kind = 'player'`)) as Array<{ accounts: number }>;
  const [{ transactions }] = (await manager.query(`SELECT count(*)::int AS transactions FROM ledger_transactions`)) as Array<{ transactions: number }>;

  const listed = <T>(rows: T[]) => ({ count: rows.length, examples: rows.slice(0, VIOLATIONS_LISTED_MAX) });
  const violations = {
    balanceNotSumOfEntries: listed(balanceNotSum),
    transactionNotBalanced: listed(notBalanced),
    lastBalanceAfterMismatch: listed(lastMismatch),
    gameTransactionWithoutLedger: listed(withoutLedger),
    aggregatorInTransitMismatch: listed(inTransitMismatch),
  };
  return {
    ok: Object.values(violations).every((violation) => violation.count === 0),
    playerAccountsChecked: accounts,
    transactionsChecked: transactions,
    violations,
  };
}
