import type { DataSource } from 'typeorm';
import type { FreeSpinWin } from './free-spin-win';

/**
 * Free-spin wins by campaign. A win whose code names none of our campaigns is not stored (a
 * platform's own promotion). The ledger transaction id is the key: a redelivered event changes
 * nothing. The player's grant in that campaign becomes played.
 */
export class FreeSpinWinsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a chunk in one transaction; answers how many were new. */
  async record(wins: readonly FreeSpinWin[]): Promise<number> {
    if (wins.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO campaign_free_spin_wins (ledger_transaction_id, campaign_id, platform_id, player_id, transaction_id, amount, currency, occurred_at)
         SELECT w.ledger_transaction_id, c.id, w.platform_id, w.player_id, w.transaction_id, w.amount::numeric, w.currency, w.occurred_at::timestamptz
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                AS w(ledger_transaction_id, campaign_code, platform_id, player_id, transaction_id, amount, currency, occurred_at)
           JOIN campaigns c ON c.reference = w.campaign_code
         ON CONFLICT (ledger_transaction_id) DO NOTHING
         RETURNING campaign_id::text AS "campaignId", player_id AS "playerId"`,
        [
          wins.map((w) => w.ledgerTransactionId),
          wins.map((w) => w.campaignCode),
          wins.map((w) => w.platformId),
          wins.map((w) => w.userId),
          wins.map((w) => w.transactionId),
          wins.map((w) => w.amount),
          wins.map((w) => w.currency),
          wins.map((w) => w.occurredAt),
        ],
      )) as Array<{ campaignId: string; playerId: string }>;
      if (inserted.length > 0) {
        await manager.query(
          `UPDATE campaign_grants g SET state = 'played', decided_at = now()
             FROM unnest($1::bigint[], $2::text[]) AS p(campaign_id, player_id)
            WHERE g.campaign_id = p.campaign_id AND g.player_id = p.player_id AND g.state = 'granted'`,
          [inserted.map((row) => row.campaignId), inserted.map((row) => row.playerId)],
        );
      }
      return inserted.length;
    });
  }

  /** A campaign's free-spin wins, net of cancellations, by currency. */
  async totalsByCampaign(campaignId: string): Promise<Array<{ currency: string; total: string; count: number }>> {
    return (await this.dataSource.query(
      `SELECT currency, sum(amount)::text AS total, count(*)::int AS count FROM campaign_free_spin_wins WHERE campaign_id = $1 GROUP BY currency ORDER BY currency`,
      [campaignId],
    )) as Array<{ currency: string; total: string; count: number }>;
  }
}
