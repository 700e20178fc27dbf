-- The SQL core of one changebalance BET, as apps/wallet/src/ledger/ledger-posting.ts writes it:
-- the ledger transaction row (unique idempotency key), the player account's conditional balance
-- update (fence current, balance stays >= 0), and the two ledger entries. Run with -M prepared so
-- the variables are bound as parameters. :players is set with -D players=N.
\set player random(1, :players)
BEGIN;
INSERT INTO ledger_transactions (idempotency_key, kind, currency) VALUES (gen_random_uuid()::text, 'bet', 'EUR') RETURNING id AS tx_id \gset
UPDATE accounts SET balance = balance + (-0.10)::numeric, version = version + 1, fence = 1
 WHERE id = ('00000000-0000-4000-8000-' || lpad(:player::text, 12, '0'))::uuid AND kind = 'player' AND fence <= 1 AND balance + (-0.10)::numeric >= 0
 RETURNING balance::text AS balance_after \gset
INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after) VALUES (:tx_id::uuid, ('00000000-0000-4000-8000-' || lpad(:player::text, 12, '0'))::uuid, -0.10, :balance_after::numeric);
INSERT INTO ledger_entries (transaction_id, account_id, amount, balance_after) VALUES (:tx_id::uuid, '00000000-0000-4000-8000-000000000000'::uuid, 0.10, NULL);
END;
