import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Money moved between a player's wallet and a transfer-wallet aggregator: one row per transfer,
 * a state machine the database itself guards (docs/aggregator.md has the picture):
 *
 *   pending ──► sending ──► posted
 *      │           │  └───► voided
 *      │           └──► unknown ──► posted | voided
 *      └──► voided
 *
 * - the caller's idempotency key is unique per operator;
 * - one transfer in flight (pending, sending, unknown) per player and aggregator: "the balance
 *   before" read for a transfer is then only moved by game play and this transfer;
 * - an aggregator wallet transaction is attributed to at most one transfer (never applied twice);
 * - a trigger refuses every transition not in the picture, and any change of a settled row.
 */
export class AggregatorTransfers1732600000000 implements MigrationInterface {
  name = 'AggregatorTransfers1732600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_transfers (
        id                          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        aggregator_id               varchar(64)   NOT NULL CHECK (aggregator_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
        operator_id                 varchar(20)   NOT NULL,
        idempotency_key             varchar(100)  NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9._:-]{8,100}$'),
        player_id                   uuid          NOT NULL REFERENCES players(id),
        aggregator_username         varchar(30)   NOT NULL CHECK (aggregator_username ~ '^[a-z0-9]{4,30}$'),
        direction                   varchar(8)    NOT NULL CHECK (direction IN ('deposit', 'withdraw')),
        amount                      numeric(18,2) NOT NULL CHECK (amount > 0),
        currency                    varchar(4)    NOT NULL,
        state                       varchar(8)    NOT NULL CHECK (state IN ('pending', 'sending', 'unknown', 'posted', 'voided')),
        -- the player's balance at the aggregator read just before the call, exactly as sent
        aggregator_balance_before   varchar(60)   CHECK (aggregator_balance_before ~ '^-?[0-9]{1,30}(\\.[0-9]{1,18})?$'),
        balance_read_at             timestamptz,
        sent_at                     timestamptz,
        outcome_note                varchar(500),
        aggregator_tx_id            varchar(100),
        aggregator_wallet_tx_id     varchar(100),
        resolution_attempts         integer       NOT NULL DEFAULT 0 CHECK (resolution_attempts >= 0),
        next_resolution_at          timestamptz,
        sent_ledger_transaction_id  uuid          NOT NULL REFERENCES ledger_transactions(id),
        settled_ledger_transaction_id uuid        REFERENCES ledger_transactions(id),
        settled_by                  varchar(60),
        created_at                  timestamptz   NOT NULL DEFAULT now(),
        updated_at                  timestamptz   NOT NULL DEFAULT now(),
        settled_at                  timestamptz,
        CONSTRAINT aggregator_transfers_idempotency_unique UNIQUE (operator_id, idempotency_key),
        CONSTRAINT aggregator_transfers_sent_shape CHECK (
          state = 'pending' OR (state = 'voided' AND sent_at IS NULL)
          OR (aggregator_balance_before IS NOT NULL AND balance_read_at IS NOT NULL AND sent_at IS NOT NULL)),
        CONSTRAINT aggregator_transfers_settled_shape CHECK (
          (state IN ('posted', 'voided') AND settled_ledger_transaction_id IS NOT NULL AND settled_at IS NOT NULL AND settled_by IS NOT NULL)
          OR (state IN ('pending', 'sending', 'unknown') AND settled_ledger_transaction_id IS NULL AND settled_at IS NULL)),
        CONSTRAINT aggregator_transfers_posted_tx CHECK (state <> 'posted' OR aggregator_wallet_tx_id IS NOT NULL OR settled_by = 'support')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX aggregator_transfers_one_in_flight ON aggregator_transfers (player_id, aggregator_id) WHERE state IN ('pending', 'sending', 'unknown')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX aggregator_transfers_wallet_tx_unique ON aggregator_transfers (aggregator_id, aggregator_wallet_tx_id) WHERE aggregator_wallet_tx_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX aggregator_transfers_open_idx ON aggregator_transfers (next_resolution_at) WHERE state IN ('pending', 'sending', 'unknown')`);
    await queryRunner.query(`CREATE INDEX aggregator_transfers_player_idx ON aggregator_transfers (player_id, created_at)`);
    await queryRunner.query(`
      CREATE FUNCTION aggregator_transfer_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.aggregator_id <> OLD.aggregator_id OR NEW.operator_id <> OLD.operator_id
           OR NEW.idempotency_key <> OLD.idempotency_key OR NEW.player_id <> OLD.player_id OR NEW.direction <> OLD.direction
           OR NEW.amount <> OLD.amount OR NEW.currency <> OLD.currency OR NEW.sent_ledger_transaction_id <> OLD.sent_ledger_transaction_id THEN
          RAISE EXCEPTION 'aggregator transfer %: its identity and amount never change', OLD.id USING ERRCODE = 'WL409';
        END IF;
        IF OLD.state IN ('posted', 'voided') THEN
          RAISE EXCEPTION 'aggregator transfer % is settled (%)', OLD.id, OLD.state USING ERRCODE = 'WL409';
        END IF;
        IF NOT ((OLD.state = NEW.state AND OLD.state IN ('pending', 'unknown'))
             OR (OLD.state = 'pending' AND NEW.state IN ('sending', 'voided'))
             OR (OLD.state = 'sending' AND NEW.state IN ('unknown', 'posted', 'voided'))
             OR (OLD.state = 'unknown' AND NEW.state IN ('posted', 'voided'))) THEN
          RAISE EXCEPTION 'aggregator transfer %: % -> % is not a transition', OLD.id, OLD.state, NEW.state USING ERRCODE = 'WL409';
        END IF;
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER aggregator_transfers_transition BEFORE UPDATE ON aggregator_transfers FOR EACH ROW EXECUTE FUNCTION aggregator_transfer_transition()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION aggregator_transfer_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'aggregator transfers are never deleted' USING ERRCODE = 'WL409';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER aggregator_transfers_no_delete BEFORE DELETE ON aggregator_transfers FOR EACH ROW EXECUTE FUNCTION aggregator_transfer_no_delete()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_transfers`);
    await queryRunner.query(`DROP FUNCTION aggregator_transfer_transition()`);
    await queryRunner.query(`DROP FUNCTION aggregator_transfer_no_delete()`);
  }
}
