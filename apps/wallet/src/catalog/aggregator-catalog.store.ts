import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AggregatorGameView, AggregatorProviderView } from './aggregator-catalog.dto';

/**
 * Playable: listed by the aggregator, switched on by us, and its provider (when known) listed and
 * active there. The one place this rule is written.
 */
const PLAYABLE_SQL = `(g.listed_by_aggregator AND g.enabled_by_operator AND COALESCE(p.listed_by_aggregator AND p.active, true))`;

const GAME_VIEW_SQL = `
  SELECT g.aggregator_id AS "aggregatorId", g.game_id AS "gameId", g.name, g.logo_url AS "logoUrl",
         json_build_object('id', g.category_id, 'label', g.category_label) AS category,
         g.provider_id AS "providerId", p.name AS "providerName",
         g.listed_by_aggregator AS "listedByAggregator",
         to_char(g.gone_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "goneSince",
         g.enabled_by_operator AS "enabledByOperator", ${PLAYABLE_SQL} AS playable,
         to_char(g.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
    FROM aggregator_games g LEFT JOIN aggregator_providers p ON p.aggregator_id = g.aggregator_id AND p.provider_id = g.provider_id`;

export interface AggregatorGamesListing {
  readonly aggregatorId: string;
  readonly providerId?: string;
  readonly categoryId?: string;
  readonly playable?: 'true' | 'false';
  /** The last game id of the previous page. */
  readonly afterGameId: string | null;
  readonly limit: number;
}

/** The back office's SQL of the aggregators' catalog (the sync's own SQL is in aggregator-catalog-sync.service.ts). */
@Injectable()
export class AggregatorCatalogStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `limit + 1` games of one aggregator ordered by game id (which a sync never changes), after the cursor. */
  async listGames(listing: AggregatorGamesListing): Promise<AggregatorGameView[]> {
    const parameters: unknown[] = [listing.aggregatorId];
    const where = ['g.aggregator_id = $1'];
    if (listing.providerId !== undefined) {
      parameters.push(listing.providerId);
      where.push(`g.provider_id = $${parameters.length}`);
    }
    if (listing.categoryId !== undefined) {
      parameters.push(listing.categoryId);
      where.push(`g.category_id = $${parameters.length}`);
    }
    if (listing.playable) where.push(listing.playable === 'true' ? PLAYABLE_SQL : `NOT ${PLAYABLE_SQL}`);
    if (listing.afterGameId !== null) {
      parameters.push(listing.afterGameId);
      where.push(`g.game_id COLLATE "C" > $${parameters.length}`);
    }
    parameters.push(listing.limit + 1);
    return (await this.dataSource.query(`${GAME_VIEW_SQL} WHERE ${where.join(' AND ')} ORDER BY g.game_id COLLATE "C" LIMIT $${parameters.length}`, parameters)) as AggregatorGameView[];
  }

  async findGame(aggregatorId: string, gameId: string): Promise<AggregatorGameView | null> {
    const rows = (await this.dataSource.query(`${GAME_VIEW_SQL} WHERE g.aggregator_id = $1 AND g.game_id = $2`, [aggregatorId, gameId])) as AggregatorGameView[];
    return rows[0] ?? null;
  }

  /** Our switch on a game the catalog holds; null when it has never been listed. */
  async setOperatorSwitch(aggregatorId: string, gameId: string, enabledByOperator: boolean): Promise<AggregatorGameView | null> {
    const [, affected] = (await this.dataSource.query(`UPDATE aggregator_games SET enabled_by_operator = $3, updated_at = now() WHERE aggregator_id = $1 AND game_id = $2`, [
      aggregatorId,
      gameId,
      enabledByOperator,
    ])) as [unknown, number];
    return affected === 0 ? null : this.findGame(aggregatorId, gameId);
  }

  /** Every provider of one aggregator (at most the sync's bound), by id. */
  async listProviders(aggregatorId: string, limit: number): Promise<AggregatorProviderView[]> {
    return (await this.dataSource.query(
      `SELECT p.aggregator_id AS "aggregatorId", p.provider_id AS "providerId", p.name, p.logo_url AS "logoUrl", p.active, p.online, p.categories,
              p.listed_by_aggregator AS "listedByAggregator",
              to_char(p.gone_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "goneSince",
              (SELECT count(*)::int FROM aggregator_games g WHERE g.aggregator_id = p.aggregator_id AND g.provider_id = p.provider_id AND g.listed_by_aggregator) AS "gamesListed"
         FROM aggregator_providers p WHERE p.aggregator_id = $1 ORDER BY p.provider_id COLLATE "C" LIMIT $2`,
      [aggregatorId, limit],
    )) as AggregatorProviderView[];
  }
}
