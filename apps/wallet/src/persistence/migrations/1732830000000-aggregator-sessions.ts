import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A player's game sessions at transfer-wallet aggregators (apps/wallet/src/aggregator-sessions):
 * one row per launch, keyed by the caller's idempotency key, with the transfers that moved the
 * money there (the deposit) and back (the withdraw of each ending attempt). docs/aggregator.md has
 * the picture:
 *
 *   opening ──► launched ──► ending ──► ended
 *      │                        ▲
 *      ├────────────────────────┘   (ended before its launch: replaced, swept, ended by the back office)
 *      └──► ended                   (its deposit was voided: nothing of ours went there)
 *
 * - one session not ended per player (whatever the aggregator): launching again ends the last one
 *   first, which withdraws its money ("the player comes back");
 * - the money itself moves only through aggregator_transfers (its deposit key is
 *   `aggregator-session:<id>:deposit`, the withdraw of attempt n `aggregator-session:<id>:withdraw:<n>`);
 * - the deposit is claimed (`deposit_claimed_at`) while the session is opening, before it opens:
 *   an ending that starts later waits for that deposit, so no money arrives there after the
 *   session's withdraw;
 * - a trigger refuses every other transition and any change of an ended row.
 */
export class AggregatorSessions1732830000000 implements MigrationInterface {
  name = 'AggregatorSessions1732830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE aggregator_sessions (
        id                    uuid PRIMARY KEY,
        aggregator_id         varchar(64)   NOT NULL CHECK (aggregator_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
        operator_id           varchar(20)   NOT NULL,
        idempotency_key       varchar(100)  NOT NULL CHECK (idempotency_key ~ '^[A-Za-z0-9._:-]{8,100}$'),
        player_id             uuid          NOT NULL REFERENCES players(id),
        aggregator_username   varchar(30)   NOT NULL CHECK (aggregator_username ~ '^[a-z0-9]{4,30}$'),
        game_id               varchar(128)  NOT NULL,
        currency              varchar(4)    NOT NULL,
        state                 varchar(8)    NOT NULL CHECK (state IN ('opening', 'launched', 'ending', 'ended')),
        -- the launch policy as it was applied, e.g. {"kind":"amount","amount":"50.00"}
        launch_policy         jsonb         NOT NULL CHECK (jsonb_typeof(launch_policy) = 'object'),
        deposit_transfer_id   uuid          REFERENCES aggregator_transfers(id),
        deposit_skipped       boolean       NOT NULL DEFAULT false,
        -- set (once) just before the deposit may open, only while opening: an ending started after it waits for that deposit
        deposit_claimed_at    timestamptz,
        launch_type           varchar(4)    CHECK (launch_type IN ('url', 'html')),
        launch_content        text,
        withdraw_attempts     integer       NOT NULL DEFAULT 0 CHECK (withdraw_attempts >= 0),
        withdraw_transfer_id  uuid          REFERENCES aggregator_transfers(id),
        end_reason            varchar(20)   CHECK (end_reason IN ('back-office', 'player-returned', 'swept', 'deposit-voided')),
        end_note              varchar(500),
        created_at            timestamptz   NOT NULL DEFAULT now(),
        launched_at           timestamptz,
        ending_since          timestamptz,
        ended_at              timestamptz,
        updated_at            timestamptz   NOT NULL DEFAULT now(),
        CONSTRAINT aggregator_sessions_idempotency_unique UNIQUE (operator_id, idempotency_key),
        CONSTRAINT aggregator_sessions_launched_shape CHECK ((launch_type IS NULL) = (launch_content IS NULL) AND (launch_type IS NULL) = (launched_at IS NULL)),
        CONSTRAINT aggregator_sessions_ending_shape CHECK ((state IN ('ending', 'ended')) = (end_reason IS NOT NULL AND ending_since IS NOT NULL)),
        CONSTRAINT aggregator_sessions_ended_shape CHECK ((state = 'ended') = (ended_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX aggregator_sessions_one_live ON aggregator_sessions (player_id) WHERE state <> 'ended'`);
    await queryRunner.query(`CREATE INDEX aggregator_sessions_live_idx ON aggregator_sessions (created_at) WHERE state <> 'ended'`);
    await queryRunner.query(`CREATE INDEX aggregator_sessions_player_idx ON aggregator_sessions (player_id, created_at)`);
    await queryRunner.query(`
      CREATE FUNCTION aggregator_session_transition() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.aggregator_id <> OLD.aggregator_id OR NEW.operator_id <> OLD.operator_id OR NEW.idempotency_key <> OLD.idempotency_key
           OR NEW.player_id <> OLD.player_id OR NEW.aggregator_username <> OLD.aggregator_username OR NEW.game_id <> OLD.game_id
           OR NEW.currency <> OLD.currency OR NEW.launch_policy <> OLD.launch_policy
           OR (OLD.deposit_transfer_id IS NOT NULL AND NEW.deposit_transfer_id IS DISTINCT FROM OLD.deposit_transfer_id)
           OR (OLD.deposit_claimed_at IS NOT NULL AND NEW.deposit_claimed_at IS DISTINCT FROM OLD.deposit_claimed_at)
           OR NEW.withdraw_attempts < OLD.withdraw_attempts THEN
          RAISE EXCEPTION 'aggregator session %: its identity, policy and deposit never change', OLD.id USING ERRCODE = 'WL409';
        END IF;
        IF OLD.state = 'ended' THEN
          RAISE EXCEPTION 'aggregator session % is ended', OLD.id USING ERRCODE = 'WL409';
        END IF;
        IF NOT (OLD.state = NEW.state
             OR (OLD.state = 'opening' AND NEW.state IN ('launched', 'ending', 'ended'))
             OR (OLD.state = 'launched' AND NEW.state = 'ending')
             OR (OLD.state = 'ending' AND NEW.state = 'ended')) THEN
          RAISE EXCEPTION 'aggregator session %: % -> % is not a transition', OLD.id, OLD.state, NEW.state USING ERRCODE = 'WL409';
        END IF;
        NEW.updated_at := now();
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER aggregator_sessions_transition BEFORE UPDATE ON aggregator_sessions FOR EACH ROW EXECUTE FUNCTION aggregator_session_transition()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE aggregator_sessions`);
    await queryRunner.query(`DROP FUNCTION aggregator_session_transition()`);
  }
}
