import { currencyCodeOf, Money, type CurrencyCode } from '@wallet-platform/money';
import type { DataSource, EntityManager } from 'typeorm';
import { CampaignState, type Campaign, type FreeRoundsKind, type FreeRoundsProviderName, type SkipReason } from '../domain/campaign';
import { PROVIDER_MESSAGE_LENGTH_MAX } from '../domain/campaign-limits';
import { externalReferenceIdFor } from '../domain/external-reference';
import type { GrantToRevoke, GrantToSend, PreviousSend, ProviderGrantOutcome } from '../domain/free-rounds-provider.port';
import { GrantState } from '../domain/grant-state';

export interface CampaignListFilter {
  readonly provider?: FreeRoundsProviderName;
  readonly platformId?: string;
  readonly state?: CampaignState;
  readonly limit: number;
}

export interface NewCampaign {
  readonly reference: string;
  readonly name: string;
  readonly provider: FreeRoundsProviderName;
  readonly platformId: string;
  readonly kind: FreeRoundsKind;
  readonly gameId: string;
  readonly roundsCount: number;
  readonly bet: Money;
  readonly validUntil: Date;
  readonly createdBy: string;
}

export interface PlayerToAdd {
  readonly playerId: string;
  readonly skipReason: SkipReason | null;
}

export interface OpenBatch {
  readonly id: string;
  readonly batchNumber: number;
  readonly sends: number;
  readonly nextSendAt: Date;
  /** Set for a batch read back open (sent, or being sent when a run stopped): when it last changed. Null for one just stored. */
  readonly previousSend: PreviousSend | null;
  readonly grants: GrantToSend[];
}

/** One player's grant as the back office sees it. */
export interface GrantView {
  readonly playerId: string;
  readonly externalReferenceId: string;
  readonly state: GrantState;
  readonly skipReason: string | null;
  readonly providerCode: string | null;
  readonly providerMessage: string | null;
  readonly providerReference: string | null;
  readonly decidedAt: Date | null;
  readonly batch: { readonly batchNumber: number; readonly state: string; readonly sends: number } | null;
}

export interface GrantCounts {
  readonly pending: number;
  readonly skipped: number;
  readonly granted: number;
  readonly rejected: number;
  readonly unknown: number;
  readonly played: number;
  readonly expired: number;
  readonly canceled: number;
}

interface CampaignRow {
  id: string;
  reference: string;
  name: string;
  provider: string;
  platform_id: string;
  kind: string;
  game_id: string;
  currency: string;
  rounds_count: number;
  bet_amount: string;
  valid_until: Date;
  state: string;
  created_by: string;
  created_at: Date;
}

/** Error of the store that the caller answers precisely (a duplicate reference, a missing campaign). */
export class CampaignConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CampaignConflictError';
  }
}

/**
 * All SQL of campaigns. Every write that decides a grant is one transaction guarded by the grant's
 * current state, so a stale or repeated outcome changes nothing.
 */
export class CampaignRepository {
  /** A data source, or a transaction's manager for reads that must see one snapshot (the settlement). */
  constructor(private readonly dataSource: DataSource | EntityManager) {}

  async create(campaign: NewCampaign): Promise<Campaign> {
    const rows = (await this.dataSource.query(
      `INSERT INTO campaigns (reference, name, provider, platform_id, kind, game_id, currency, rounds_count, bet_amount, valid_until, state, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11)
       ON CONFLICT (reference) DO NOTHING RETURNING *`,
      [
        campaign.reference,
        campaign.name,
        campaign.provider,
        campaign.platformId,
        campaign.kind,
        campaign.gameId,
        campaign.bet.currencyCode,
        campaign.roundsCount,
        campaign.bet.toDecimalString(),
        campaign.validUntil,
        campaign.createdBy,
      ],
    )) as CampaignRow[];
    if (rows.length === 0) throw new CampaignConflictError(`campaign reference ${campaign.reference} is taken`);
    return campaignOf(rows[0]);
  }

  async findById(id: string): Promise<Campaign | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM campaigns WHERE id = $1`, [id])) as CampaignRow[];
    return rows.length === 0 ? null : campaignOf(rows[0]);
  }

  /** The newest campaigns matching the filter, at most `limit`; `hasMore` when older ones match too. */
  async list(filter: CampaignListFilter): Promise<{ readonly campaigns: Campaign[]; readonly hasMore: boolean }> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM campaigns
        WHERE ($1::text IS NULL OR provider = $1) AND ($2::text IS NULL OR platform_id = $2) AND ($3::text IS NULL OR state = $3)
        ORDER BY created_at DESC, id DESC
        LIMIT $4`,
      [filter.provider ?? null, filter.platformId ?? null, filter.state ?? null, filter.limit + 1],
    )) as CampaignRow[];
    return { campaigns: rows.slice(0, filter.limit).map(campaignOf), hasMore: rows.length > filter.limit };
  }

  async findByReference(reference: string): Promise<Campaign | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM campaigns WHERE reference = $1`, [reference])) as CampaignRow[];
    return rows.length === 0 ? null : campaignOf(rows[0]);
  }

  /**
   * Adds players in one transaction; a player already in the campaign is left as they are (adding
   * a list twice is the same as once). Grant numbers, and so the externalReferenceIds, are taken
   * from the campaign's counter under its row lock. Returns how many were new.
   */
  async addPlayers(campaign: Campaign, players: readonly PlayerToAdd[], addedBy: string): Promise<{ added: number; skipped: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(`SELECT state, next_grant_number FROM campaigns WHERE id = $1 FOR UPDATE`, [campaign.id])) as { state: string; next_grant_number: number }[];
      if (locked.state === CampaignState.Canceled || locked.state === CampaignState.Completed) {
        throw new CampaignConflictError(`campaign ${campaign.reference} is ${locked.state}: no players can be added`);
      }
      const existing = new Set(
        ((await manager.query(`SELECT player_id FROM campaign_grants WHERE campaign_id = $1 AND player_id = ANY($2)`, [campaign.id, players.map((p) => p.playerId)])) as { player_id: string }[]).map(
          (row) => row.player_id,
        ),
      );
      const fresh = players.filter((player) => !existing.has(player.playerId));
      let number = locked.next_grant_number;
      const numbers = fresh.map(() => number++);
      if (fresh.length > 0) {
        await manager.query(
          `INSERT INTO campaign_grants (campaign_id, grant_number, platform_id, player_id, external_reference_id, state, skip_reason, added_by)
           SELECT $1, n, $2, p, r, CASE WHEN s IS NULL THEN 'pending' ELSE 'skipped' END, s, $3
           FROM unnest($4::int[], $5::text[], $6::text[], $7::text[]) AS t(n, p, r, s)`,
          [
            campaign.id,
            campaign.platformId,
            addedBy,
            numbers,
            fresh.map((p) => p.playerId),
            numbers.map((n) => externalReferenceIdFor(campaign.reference, n)),
            fresh.map((p) => p.skipReason),
          ],
        );
        await manager.query(`UPDATE campaigns SET next_grant_number = $2, updated_at = now() WHERE id = $1`, [campaign.id, number]);
      }
      return { added: fresh.length, skipped: fresh.filter((p) => p.skipReason !== null).length };
    });
  }

  async referencesInState(state: CampaignState): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT reference FROM campaigns WHERE state = $1 ORDER BY id`, [state])) as { reference: string }[]).map((row) => row.reference);
  }

  async setState(campaignId: string, from: readonly CampaignState[], to: CampaignState): Promise<boolean> {
    const rows = (await this.dataSource.query(`UPDATE campaigns SET state = $3, updated_at = now() WHERE id = $1 AND state = ANY($2) RETURNING id`, [campaignId, from, to])) as unknown[];
    return rows.length > 0;
  }

  /** Pending grants not yet in a batch, in grant order. */
  async unplannedGrants(campaignId: string, limit: number): Promise<GrantToSend[]> {
    const rows = (await this.dataSource.query(
      `SELECT player_id, external_reference_id FROM campaign_grants WHERE campaign_id = $1 AND state = 'pending' AND batch_id IS NULL ORDER BY grant_number LIMIT $2`,
      [campaignId, limit],
    )) as { player_id: string; external_reference_id: string }[];
    return rows.map((row) => ({ playerId: row.player_id, externalReferenceId: row.external_reference_id }));
  }

  /**
   * Stores a batch before it is sent: the batch row and each grant's batch in one transaction,
   * only for grants still pending and in no batch. If any was taken meanwhile (another run), the
   * whole batch is undone and null returned, so no grant can be in two batches.
   */
  async createBatch(campaignId: string, grants: readonly GrantToSend[]): Promise<OpenBatch | null> {
    return this.dataSource.transaction(async (manager) => {
      const [batch] = (await manager.query(
        `INSERT INTO grant_batches (campaign_id, batch_number, state, grants_count)
         VALUES ($1, (SELECT COALESCE(MAX(batch_number), 0) + 1 FROM grant_batches WHERE campaign_id = $1), 'sending', $2)
         RETURNING id, batch_number, sends, next_send_at`,
        [campaignId, grants.length],
      )) as { id: string; batch_number: number; sends: number; next_send_at: Date }[];
      const updated = (await manager.query(
        `UPDATE campaign_grants SET batch_id = $1 WHERE campaign_id = $2 AND external_reference_id = ANY($3) AND state = 'pending' AND batch_id IS NULL RETURNING grant_number`,
        [batch.id, campaignId, grants.map((g) => g.externalReferenceId)],
      )) as [unknown[], number] | unknown[];
      const count = rowCount(updated);
      // Throwing rolls the whole transaction back: the batch row goes with the partial update.
      if (count !== grants.length) throw new BatchTakenError();
      return { id: batch.id, batchNumber: batch.batch_number, sends: batch.sends, nextSendAt: batch.next_send_at, previousSend: null, grants: [...grants] };
    }).catch((error: unknown) => {
      if (error instanceof BatchTakenError) return null;
      throw error;
    });
  }

  /** Batches sent or being sent whose outcome is not decided, oldest first. */
  async openBatches(campaignId: string): Promise<OpenBatch[]> {
    const batches = (await this.dataSource.query(
      `SELECT id, batch_number, sends, next_send_at, updated_at FROM grant_batches WHERE campaign_id = $1 AND state IN ('sending', 'unknown') ORDER BY batch_number`,
      [campaignId],
    )) as { id: string; batch_number: number; sends: number; next_send_at: Date; updated_at: Date }[];
    const result: OpenBatch[] = [];
    for (const batch of batches) {
      const grants = (await this.dataSource.query(`SELECT player_id, external_reference_id FROM campaign_grants WHERE batch_id = $1 ORDER BY grant_number`, [batch.id])) as {
        player_id: string;
        external_reference_id: string;
      }[];
      // An open batch may have been sent whatever its `sends` says: a run killed mid-send left it `sending`.
      result.push({
        id: batch.id,
        batchNumber: batch.batch_number,
        sends: batch.sends,
        nextSendAt: batch.next_send_at,
        previousSend: { lastAttemptAt: batch.updated_at },
        grants: grants.map((g) => ({ playerId: g.player_id, externalReferenceId: g.external_reference_id })) });
    }
    return result;
  }

  /**
   * Records what the provider decided for a batch, in one transaction. Granted and rejected are
   * final; unknown keeps the batch open with its next send time. Grants move only from the
   * states the outcome can apply to (grant-state.ts), so a late or repeated outcome is harmless.
   */
  async recordOutcome(batchId: string, outcome: ProviderGrantOutcome, nextSendAt: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      switch (outcome.kind) {
        case 'granted':
          await manager.query(`UPDATE grant_batches SET state = 'granted', sends = sends + 1, provider_reference = $2, updated_at = now() WHERE id = $1 AND state IN ('sending', 'unknown')`, [
            batchId,
            outcome.providerReference,
          ]);
          await decideGrants(manager, batchId, GrantState.Granted, { reference: outcome.providerReference });
          return;
        case 'rejected':
          await manager.query(
            `UPDATE grant_batches SET state = 'rejected', sends = sends + 1, provider_code = $2, last_problem = $3, updated_at = now() WHERE id = $1 AND state IN ('sending', 'unknown')`,
            [batchId, outcome.providerCode, bounded(outcome.message)],
          );
          await decideGrants(manager, batchId, GrantState.Rejected, { code: outcome.providerCode, message: bounded(outcome.message) });
          return;
        case 'unknown':
          await manager.query(`UPDATE grant_batches SET state = 'unknown', sends = sends + 1, next_send_at = $2, last_problem = $3, updated_at = now() WHERE id = $1 AND state IN ('sending', 'unknown')`, [
            batchId,
            nextSendAt,
            bounded(outcome.reason),
          ]);
          await manager.query(`UPDATE campaign_grants SET state = 'unknown' WHERE batch_id = $1 AND state = 'pending'`, [batchId]);
          return;
        default:
          unreachable(outcome);
      }
    });
  }

  /** The campaign's granted grants, with what the provider answered, to revoke (campaign canceled). Bounded by CAMPAIGN_PLAYERS_MAX. */
  async grantedGrants(campaignId: string): Promise<GrantToRevoke[]> {
    const rows = (await this.dataSource.query(`SELECT player_id, external_reference_id, provider_reference FROM campaign_grants WHERE campaign_id = $1 AND state = 'granted' ORDER BY grant_number`, [
      campaignId,
    ])) as { player_id: string; external_reference_id: string; provider_reference: string | null }[];
    return rows.map((row) => ({ playerId: row.player_id, externalReferenceId: row.external_reference_id, providerReference: row.provider_reference }));
  }

  /** A granted grant the provider took back: canceled (grant-state.ts: granted → canceled). False if it was not granted any more. */
  async markRevoked(campaignId: string, externalReferenceId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE campaign_grants SET state = 'canceled', decided_at = now() WHERE campaign_id = $1 AND external_reference_id = $2 AND state = 'granted' RETURNING grant_number`,
      [campaignId, externalReferenceId],
    )) as [unknown[], number] | unknown[];
    return rowCount(rows) === 1;
  }

  /** One grant of a campaign by player, or null. */
  async grantOf(campaignId: string, playerId: string): Promise<GrantView | null> {
    const [row] = (await this.dataSource.query(
      `SELECT g.player_id, g.external_reference_id, g.state, g.skip_reason, g.provider_code, g.provider_message, g.provider_reference, g.decided_at, b.batch_number, b.state AS batch_state, b.sends
         FROM campaign_grants g LEFT JOIN grant_batches b ON b.id = g.batch_id WHERE g.campaign_id = $1 AND g.player_id = $2`,
      [campaignId, playerId],
    )) as {
      player_id: string;
      external_reference_id: string;
      state: GrantState;
      skip_reason: string | null;
      provider_code: string | null;
      provider_message: string | null;
      provider_reference: string | null;
      decided_at: Date | null;
      batch_number: number | null;
      batch_state: string | null;
      sends: number | null;
    }[];
    if (row === undefined) return null;
    return {
      playerId: row.player_id,
      externalReferenceId: row.external_reference_id,
      state: row.state,
      skipReason: row.skip_reason,
      providerCode: row.provider_code,
      providerMessage: row.provider_message,
      providerReference: row.provider_reference,
      decidedAt: row.decided_at,
      batch: row.batch_number === null ? null : { batchNumber: row.batch_number, state: row.batch_state ?? '', sends: row.sends ?? 0 },
    };
  }

  /** Pending grants (in no batch or in a batch never sent) become canceled; undecided batches keep their state. */
  async cancelPending(campaignId: string): Promise<number> {
    const rows = (await this.dataSource.query(`UPDATE campaign_grants SET state = 'canceled', decided_at = now() WHERE campaign_id = $1 AND state = 'pending' AND batch_id IS NULL RETURNING grant_number`, [
      campaignId,
    ])) as [unknown[], number] | unknown[];
    return rowCount(rows);
  }

  async grantCounts(campaignId: string): Promise<GrantCounts> {
    const rows = (await this.dataSource.query(`SELECT state, count(*)::int AS n FROM campaign_grants WHERE campaign_id = $1 GROUP BY state`, [campaignId])) as { state: GrantState; n: number }[];
    const counts: Record<GrantState, number> = { pending: 0, skipped: 0, granted: 0, rejected: 0, unknown: 0, played: 0, expired: 0, canceled: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  async skipReasons(campaignId: string): Promise<Record<string, number>> {
    const rows = (await this.dataSource.query(`SELECT skip_reason, count(*)::int AS n FROM campaign_grants WHERE campaign_id = $1 AND state = 'skipped' GROUP BY skip_reason`, [campaignId])) as {
      skip_reason: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.skip_reason, row.n]));
  }

  async rejectionCodes(campaignId: string): Promise<Record<string, number>> {
    const rows = (await this.dataSource.query(`SELECT provider_code, count(*)::int AS n FROM campaign_grants WHERE campaign_id = $1 AND state = 'rejected' GROUP BY provider_code`, [campaignId])) as {
      provider_code: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.provider_code, row.n]));
  }

  /** Granted grants past their validity become expired (free rounds cannot be played after it). */
  async expireGrants(campaignId: string, now: Date): Promise<number> {
    const rows = (await this.dataSource.query(
      `UPDATE campaign_grants g SET state = 'expired', decided_at = now() FROM campaigns c WHERE g.campaign_id = c.id AND c.id = $1 AND g.state = 'granted' AND c.valid_until <= $2 RETURNING g.grant_number`,
      [campaignId, now],
    )) as [unknown[], number] | unknown[];
    return rowCount(rows);
  }

  /** The wins a campaign paid, per kind and currency, and their total per currency (SQL numeric sums: exact). */
  async winsOf(campaignId: string): Promise<{
    winsByCurrency: Record<'freeSpins' | 'promo' | 'tournament', Record<string, string>>;
    paidByCurrency: Record<string, string>;
  }> {
    const rows = (await this.dataSource.query(
      `SELECT kind, currency, sum(amount)::text AS total FROM (
         SELECT 'freeSpins' AS kind, currency, amount FROM campaign_free_spin_wins WHERE campaign_id = $1
         UNION ALL
         SELECT CASE kind WHEN 'promo-win' THEN 'promo' ELSE 'tournament' END, currency, amount FROM awards WHERE campaign_id = $1 AND state = 'credited'
       ) wins GROUP BY GROUPING SETS ((kind, currency), (currency)) ORDER BY kind NULLS LAST, currency`,
      [campaignId],
    )) as Array<{ kind: 'freeSpins' | 'promo' | 'tournament' | null; currency: string; total: string }>;
    const winsByCurrency: Record<'freeSpins' | 'promo' | 'tournament', Record<string, string>> = { freeSpins: {}, promo: {}, tournament: {} };
    const paidByCurrency: Record<string, string> = {};
    for (const row of rows) {
      if (row.kind === null) paidByCurrency[row.currency] = row.total;
      else winsByCurrency[row.kind][row.currency] = row.total;
    }
    return { winsByCurrency, paidByCurrency };
  }

  /** A grant's free rounds were played (the provider's promo win or a PROMO-FREESPIN win names its reference). */
  async markPlayed(platformId: string, externalReferenceId: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`UPDATE campaign_grants SET state = 'played', decided_at = now() WHERE platform_id = $1 AND external_reference_id = $2 AND state = 'granted' RETURNING grant_number`, [
      platformId,
      externalReferenceId,
    ])) as [unknown[], number] | unknown[];
    return rowCount(rows) === 1;
  }
}

class BatchTakenError extends Error {}

async function decideGrants(manager: EntityManager, batchId: string, state: GrantState, detail: { reference?: string | null; code?: string; message?: string }): Promise<void> {
  await manager.query(
    `UPDATE campaign_grants SET state = $2, provider_reference = $3, provider_code = $4, provider_message = $5, decided_at = now() WHERE batch_id = $1 AND state IN ('pending', 'unknown')`,
    [batchId, state, detail.reference ?? null, detail.code ?? null, detail.message ?? null],
  );
}

/** TypeORM's postgres driver answers UPDATE … RETURNING with [rows, count]. */
function rowCount(result: [unknown[], number] | unknown[]): number {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? result[1] : result.length;
}

function bounded(text: string): string {
  return Array.from(text).slice(0, PROVIDER_MESSAGE_LENGTH_MAX).join('');
}

function campaignOf(row: CampaignRow): Campaign {
  const currency: CurrencyCode = currencyCodeOf(row.currency);
  return {
    id: String(row.id),
    reference: row.reference,
    name: row.name,
    provider: row.provider as FreeRoundsProviderName,
    platformId: row.platform_id,
    kind: row.kind as FreeRoundsKind,
    gameId: row.game_id,
    currency,
    roundsCount: row.rounds_count,
    bet: Money.parseOrThrow(row.bet_amount, 2, currency),
    validUntil: row.valid_until,
    state: row.state as CampaignState,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

function unreachable(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
