import type { DataSource } from 'typeorm';
import type { AwardErrorKind, AwardKind } from '@wallet-platform/contracts';
import { AwardState, type Award } from '../domain/award';

export interface NewAward {
  readonly platformId: string;
  readonly operatorId: string;
  readonly kind: AwardKind;
  readonly transactionId: string;
  readonly externalReferenceId: string | null;
  readonly playerId: string;
  readonly gameId: string;
  readonly amount: string;
  readonly currency: string;
  readonly campaignId: string | null;
}

/** The free-round grant an externalReferenceId names, if it is one of ours. */
export interface GrantOfReference {
  readonly campaignId: string;
  readonly campaignReference: string;
  readonly playerId: string;
}

const AWARD_COLUMNS = `
  a.id::text AS id, a.platform_id AS "platformId", a.operator_id AS "operatorId", a.kind, a.transaction_id AS "transactionId",
  a.external_reference_id AS "externalReferenceId", a.player_id AS "playerId", a.game_id AS "gameId", a.amount::text AS amount,
  a.currency, a.campaign_id::text AS "campaignId", c.reference AS "campaignReference", a.state, a.refusal_kind AS "refusalKind",
  a.balance_after::text AS "balanceAfter", a.ledger_transaction_id AS "ledgerTransactionId"`;

export class AwardRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByTransaction(platformId: string, transactionId: string): Promise<Award | null> {
    const rows = (await this.dataSource.query(`SELECT ${AWARD_COLUMNS} FROM awards a LEFT JOIN campaigns c ON c.id = a.campaign_id WHERE a.platform_id = $1 AND a.transaction_id = $2`, [
      platformId,
      transactionId,
    ])) as Award[];
    return rows[0] ?? null;
  }

  async findByReference(platformId: string, externalReferenceId: string): Promise<Award | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${AWARD_COLUMNS} FROM awards a LEFT JOIN campaigns c ON c.id = a.campaign_id WHERE a.platform_id = $1 AND a.external_reference_id = $2`,
      [platformId, externalReferenceId],
    )) as Award[];
    return rows[0] ?? null;
  }

  async grantOfReference(platformId: string, externalReferenceId: string): Promise<GrantOfReference | null> {
    const rows = (await this.dataSource.query(
      `SELECT g.campaign_id::text AS "campaignId", c.reference AS "campaignReference", g.player_id AS "playerId"
         FROM campaign_grants g JOIN campaigns c ON c.id = g.campaign_id WHERE g.platform_id = $1 AND g.external_reference_id = $2`,
      [platformId, externalReferenceId],
    )) as GrantOfReference[];
    return rows[0] ?? null;
  }

  /**
   * Records the award `crediting`, and marks its grant played in the same transaction. Null when
   * another request recorded this transaction id or reference first (the unique constraints
   * decide between concurrent duplicates): the caller reads what won.
   */
  async insert(award: NewAward): Promise<Award | null> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO awards (platform_id, operator_id, kind, transaction_id, external_reference_id, player_id, game_id, amount, currency, campaign_id, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'crediting')
         ON CONFLICT DO NOTHING RETURNING id::text AS id`,
        [award.platformId, award.operatorId, award.kind, award.transactionId, award.externalReferenceId, award.playerId, award.gameId, award.amount, award.currency, award.campaignId],
      )) as Array<{ id: string }>;
      const row = inserted[0];
      if (row === undefined) return null;
      if (award.campaignId !== null && award.externalReferenceId !== null) {
        await manager.query(`UPDATE campaign_grants SET state = 'played', decided_at = now() WHERE platform_id = $1 AND external_reference_id = $2 AND state = 'granted'`, [
          award.platformId,
          award.externalReferenceId,
        ]);
      }
      const [recorded] = (await manager.query(`SELECT ${AWARD_COLUMNS} FROM awards a LEFT JOIN campaigns c ON c.id = a.campaign_id WHERE a.id = $1`, [row.id])) as Award[];
      return recorded ?? null;
    });
  }

  /** Counts an attempt to credit (for the operator's eyes: an award asked many times is stuck). */
  async countAttempt(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE awards SET credit_attempts = credit_attempts + 1 WHERE id = $1`, [id]);
  }

  /** The wallet's answer is final: only a `crediting` award changes (a late answer changes nothing). */
  /** True when this call decided the award (false: another answer was stored first). */
  async markCredited(id: string, balanceAfter: string, ledgerTransactionId: string): Promise<boolean> {
    const changed = (await this.dataSource.query(
      `UPDATE awards SET state = 'credited', balance_after = $2, ledger_transaction_id = $3, decided_at = now() WHERE id = $1 AND state = '${AwardState.Crediting}' RETURNING id`,
      [id, balanceAfter, ledgerTransactionId],
    )) as [unknown[], number];
    return changed[1] > 0;
  }

  /** True when this call decided the award (false: another answer was stored first). */
  async markRefused(id: string, kind: AwardErrorKind): Promise<boolean> {
    const changed = (await this.dataSource.query(
      `UPDATE awards SET state = 'refused', refusal_kind = $2, decided_at = now() WHERE id = $1 AND state = '${AwardState.Crediting}' RETURNING id`,
      [id, kind],
    )) as [unknown[], number];
    return changed[1] > 0;
  }

  /** Awards left `crediting` since before `before`, oldest first. */
  async crediting(before: Date, limit: number): Promise<Award[]> {
    return (await this.dataSource.query(
      `SELECT ${AWARD_COLUMNS} FROM awards a LEFT JOIN campaigns c ON c.id = a.campaign_id WHERE a.state = 'crediting' AND a.created_at < $1 ORDER BY a.created_at LIMIT $2`,
      [before, limit],
    )) as Award[];
  }

  /** Credited promo and tournament wins tied to a campaign, by kind and currency. */
  async creditedByCampaign(campaignId: string): Promise<Array<{ kind: AwardKind; currency: string; total: string; count: number }>> {
    return (await this.dataSource.query(
      `SELECT kind, currency, sum(amount)::text AS total, count(*)::int AS count FROM awards WHERE campaign_id = $1 AND state = 'credited' GROUP BY kind, currency ORDER BY kind, currency`,
      [campaignId],
    )) as Array<{ kind: AwardKind; currency: string; total: string; count: number }>;
  }
}
