import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';
import { houseAccountPurposeText, type HouseAccountPurpose } from './ledger-kinds';

/**
 * Opening and finding accounts: the ledger's job, and only here. A player has one account per
 * currency (`player`); the casino has house accounts (`house`) by operator, currency and purpose
 * (ledger-kinds.ts). Opening is idempotent: an account that exists is found, never doubled (the
 * partial unique indexes of the initial migration are the last guard).
 */

export interface PlayerAccountOwner {
  readonly playerId: string;
  readonly operatorId: string;
  readonly currency: string;
}

export interface HouseAccountOwner {
  readonly operatorId: string;
  readonly currency: string;
  readonly purpose: HouseAccountPurpose;
  /** The platform or aggregator a scoped purpose belongs to (see houseAccountPurposeText). */
  readonly scope?: string;
}

/** The player's account in a currency, opened with balance 0 if they have none. Returns its id. */
export async function openPlayerAccount(manager: EntityManager, owner: PlayerAccountOwner): Promise<string> {
  await manager.query(
    `INSERT INTO accounts (kind, operator_id, currency, player_id, balance) VALUES ('player', $1, $2, $3, 0)
     ON CONFLICT (player_id, currency) WHERE kind = 'player' DO NOTHING`,
    [owner.operatorId, owner.currency, owner.playerId],
  );
  const [{ id }] = (await manager.query(`SELECT id FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2`, [owner.playerId, owner.currency])) as Array<{
    id: string;
  }>;
  return id;
}

/** A house account, opened if it does not exist. Returns its id. */
export async function openHouseAccount(manager: EntityManager, owner: HouseAccountOwner): Promise<string> {
  const purpose = houseAccountPurposeText(owner.purpose, owner.scope);
  await manager.query(
    `INSERT INTO accounts (kind, operator_id, currency, house_purpose) VALUES ('house', $1, $2, $3)
     ON CONFLICT (operator_id, currency, house_purpose) WHERE kind = 'house' DO NOTHING`,
    [owner.operatorId, owner.currency, purpose],
  );
  const [{ id }] = (await manager.query(`SELECT id FROM accounts WHERE kind = 'house' AND operator_id = $1 AND currency = $2 AND house_purpose = $3`, [
    owner.operatorId,
    owner.currency,
    purpose,
  ])) as Array<{ id: string }>;
  return id;
}

/** The balance of a player's account in a currency (decimal string), or null if they have none. */
export async function readPlayerBalance(manager: EntityManager, playerId: string, currency: string): Promise<string | null> {
  const rows = (await manager.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2`, [playerId, currency])) as Array<{
    balance: string;
  }>;
  return rows[0]?.balance ?? null;
}

/**
 * The batch form, for the game-play engine (prepared statements on its own connection): opens
 * every player account and house account of a batch that does not exist yet, in two statements.
 * House purposes are given as their stored text (houseAccountPurposeText).
 */
export async function openMissingAccounts(
  client: PoolClient,
  players: ReadonlyArray<PlayerAccountOwner>,
  houses: ReadonlyArray<{ operatorId: string; currency: string; purpose: string }>,
): Promise<void> {
  if (players.length > 0) {
    await client.query({
      name: 'ledger-open-player-accounts-v1',
      text: `INSERT INTO accounts (kind, operator_id, currency, player_id, balance)
             SELECT 'player', k.operator_id, k.currency, k.player_id, 0 FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(player_id, operator_id, currency)
             ON CONFLICT (player_id, currency) WHERE kind = 'player' DO NOTHING`,
      values: [players.map((p) => p.playerId), players.map((p) => p.operatorId), players.map((p) => p.currency)],
    });
  }
  if (houses.length > 0) {
    await client.query({
      name: 'ledger-open-house-accounts-v1',
      text: `INSERT INTO accounts (kind, operator_id, currency, house_purpose)
             SELECT 'house', k.operator_id, k.currency, k.purpose FROM unnest($1::text[], $2::text[], $3::text[]) AS k(operator_id, currency, purpose)
             ON CONFLICT (operator_id, currency, house_purpose) WHERE kind = 'house' DO NOTHING`,
      values: [houses.map((h) => h.operatorId), houses.map((h) => h.currency), houses.map((h) => h.purpose)],
    });
  }
}
