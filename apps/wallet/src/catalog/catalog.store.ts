import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { GameView } from './catalog.controller';

const GAME_VIEW_SQL = `
  SELECT platform_id AS "platformId", game_id AS "gameId", title, vendor, game_type AS type,
         enabled_by_platform AS "enabledByPlatform", enabled_by_operator AS "enabledByOperator",
         (enabled_by_platform AND enabled_by_operator) AS playable, fun_mode AS "funMode", campaigns,
         to_char(platform_created_on, 'YYYY-MM-DD') AS "createdOn",
         to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "updatedAt"
    FROM games`;

export interface GamesListing {
  readonly platformId?: string;
  readonly playable?: 'true' | 'false';
  /** The last (platform id, game id) of the previous page. */
  readonly after: { readonly platformId: string; readonly gameId: string } | null;
  readonly limit: number;
}

/** The back office's SQL of the game catalog (the sync's own SQL is in catalog-sync.service.ts). */
@Injectable()
export class CatalogStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `limit + 1` games ordered by platform and game id, after the cursor. */
  async list(listing: GamesListing): Promise<GameView[]> {
    const parameters: unknown[] = [];
    const where: string[] = [];
    if (listing.platformId) {
      parameters.push(listing.platformId);
      where.push(`platform_id = $${parameters.length}`);
    }
    if (listing.playable) where.push(listing.playable === 'true' ? '(enabled_by_platform AND enabled_by_operator)' : 'NOT (enabled_by_platform AND enabled_by_operator)');
    if (listing.after) {
      parameters.push(listing.after.platformId, listing.after.gameId);
      where.push(`(platform_id, lpad(game_id, 6, '0')) > ($${parameters.length - 1}, lpad($${parameters.length}, 6, '0'))`);
    }
    parameters.push(listing.limit + 1);
    return (await this.dataSource.query(
      `${GAME_VIEW_SQL} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY platform_id, lpad(game_id, 6, '0') LIMIT $${parameters.length}`,
      parameters,
    )) as GameView[];
  }

  /** Our switch; creates the catalog row if the platform has not listed the game yet. */
  async setOperatorSwitch(platformId: string, gameId: string, enabledByOperator: boolean): Promise<GameView> {
    await this.dataSource.query(
      `INSERT INTO games (platform_id, game_id, enabled_by_operator) VALUES ($1, $2, $3)
       ON CONFLICT (platform_id, game_id) DO UPDATE SET enabled_by_operator = EXCLUDED.enabled_by_operator, updated_at = now()`,
      [platformId, gameId, enabledByOperator],
    );
    const [view] = (await this.dataSource.query(`${GAME_VIEW_SQL} WHERE platform_id = $1 AND game_id = $2`, [platformId, gameId])) as GameView[];
    return view;
  }
}
