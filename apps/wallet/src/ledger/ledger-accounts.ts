import type { EntityManager } from 'typeorm';

/**
 * The account ids a posting needs: the player's account in a currency and house accounts by
 * purpose text (`houseAccountPurposeText`), each created on first use. Creation is an upsert, so
 * two writers racing for the first posting both find the one row.
 */
export async function ensureLedgerAccounts(
  manager: EntityManager,
  player: { readonly id: string; readonly operatorId: string; readonly currency: string },
  housePurposes: readonly string[],
): Promise<{ readonly player: string; readonly house: ReadonlyMap<string, string> }> {
  await manager.query(
    `INSERT INTO accounts (kind, operator_id, currency, player_id, balance) VALUES ('player', $1, $2, $3, 0) ON CONFLICT (player_id, currency) WHERE kind = 'player' DO NOTHING`,
    [player.operatorId, player.currency, player.id],
  );
  await manager.query(
    `INSERT INTO accounts (kind, operator_id, currency, house_purpose)
     SELECT 'house', $1, $2, purpose FROM unnest($3::text[]) AS purpose
     ON CONFLICT (operator_id, currency, house_purpose) WHERE kind = 'house' DO NOTHING`,
    [player.operatorId, player.currency, housePurposes],
  );
  const [{ id: playerAccount }] = (await manager.query(`SELECT id FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2`, [player.id, player.currency])) as Array<{ id: string }>;
  const houseRows = (await manager.query(`SELECT id, house_purpose AS purpose FROM accounts WHERE kind = 'house' AND operator_id = $1 AND currency = $2 AND house_purpose = ANY($3::text[])`, [
    player.operatorId,
    player.currency,
    housePurposes,
  ])) as Array<{ id: string; purpose: string }>;
  return { player: playerAccount, house: new Map(houseRows.map((row) => [row.purpose, row.id])) };
}
