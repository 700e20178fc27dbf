import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { openPlayerAccount } from '../../ledger/accounts';
import type { PageCursor } from '../http/pagination';
import type { CreatePlayerRequest, PlayerView } from './player.dto';
import type { PlayerLimitsView } from './limits.dto';

export type PlayerViewRow = PlayerView & { readonly cursorId: string };

export interface PlayerSearch {
  readonly operatorId?: string;
  readonly status?: string;
  /** A user id or user name prefix. */
  readonly q?: string;
  readonly cursor: PageCursor | null;
  readonly limit: number;
}

const PLAYER_VIEW_SQL = `
  SELECT p.id AS "playerId", p.operator_id AS "operatorId", p.user_id AS "userId", p.user_name AS "userName",
         p.display_name AS "displayName", p.country, p.currency, p.player_group AS "group", p.status,
         COALESCE(a.balance, 0)::numeric(18,2)::text AS balance,
         to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAt", p.id::text AS "cursorId"
    FROM players p
    LEFT JOIN accounts a ON a.kind = 'player' AND a.player_id = p.id AND a.currency = p.currency`;

/** The back office's reads and writes of players and their limits. */
@Injectable()
export class PlayersStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new player and their account in their currency (balance 0), or 409 if the user id is taken. */
  async create(request: CreatePlayerRequest): Promise<PlayerViewRow> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO players (operator_id, user_id, user_name, display_name, country, currency, player_group, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'active')
         ON CONFLICT (operator_id, user_id) DO NOTHING RETURNING id`,
        [request.operatorId, request.userId, request.userName, request.displayName ?? null, request.country, request.currency, request.group ?? null],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) {
        throw new ConflictException({ error: 'player_exists', message: `operator ${request.operatorId} already has a player ${request.userId}` });
      }
      await openPlayerAccount(manager, { playerId: inserted[0].id, operatorId: request.operatorId, currency: request.currency });
      const [view] = (await manager.query(`${PLAYER_VIEW_SQL} WHERE p.id = $1`, [inserted[0].id])) as PlayerViewRow[];
      return view;
    });
  }

  /** The player, or 404. */
  async find(playerId: string): Promise<PlayerViewRow> {
    const [view] = (await this.dataSource.query(`${PLAYER_VIEW_SQL} WHERE p.id = $1`, [playerId])) as PlayerViewRow[];
    if (!view) throw playerNotFound(playerId);
    return view;
  }

  /** 404 unless the player exists. */
  async assertExists(playerId: string): Promise<void> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM players WHERE id = $1`, [playerId])) as unknown[];
    if (rows.length === 0) throw playerNotFound(playerId);
  }

  /** Newest first, `limit + 1` rows (the extra one says whether there is a next page). */
  async search(search: PlayerSearch): Promise<PlayerViewRow[]> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql.replace('?', `$${parameters.length}`));
    };
    if (search.operatorId) add('p.operator_id = ?', search.operatorId);
    if (search.status) add('p.status = ?', search.status);
    if (search.q) {
      const prefix = `${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      parameters.push(prefix);
      conditions.push(`(p.user_id LIKE $${parameters.length} OR p.user_name LIKE $${parameters.length})`);
    }
    if (search.cursor) {
      parameters.push(search.cursor.createdAt, search.cursor.id);
      conditions.push(`(p.created_at, p.id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(search.limit + 1);
    return (await this.dataSource.query(
      `${PLAYER_VIEW_SQL} ${conditions.length ? 'WHERE ' + conditions.join(' AND ') : ''} ORDER BY p.created_at DESC, p.id DESC LIMIT $${parameters.length}`,
      parameters,
    )) as PlayerViewRow[];
  }

  async setStatus(playerId: string, status: 'active' | 'blocked'): Promise<PlayerViewRow> {
    const rows = (await this.dataSource.query(`UPDATE players SET status = $2 WHERE id = $1 RETURNING id`, [playerId, status])) as [unknown[], number];
    if (rows[1] === 0) throw playerNotFound(playerId);
    return this.find(playerId);
  }

  /** The player's limits and today's (UTC) totals, or 404. */
  async limits(playerId: string): Promise<PlayerLimitsView> {
    const [row] = (await this.dataSource.query(
      `SELECT p.id,
              l.daily_wager_limit::text AS "dailyWagerLimit", l.daily_loss_limit::text AS "dailyLossLimit",
              COALESCE(t.wagered, 0)::numeric(18,2)::text AS "wageredToday", COALESCE(t.net_loss, 0)::numeric(18,2)::text AS "netLossToday"
         FROM players p
         LEFT JOIN player_limits l ON l.player_id = p.id
         LEFT JOIN player_daily_totals t ON t.player_id = p.id AND t.currency = p.currency AND t.day = (now() AT TIME ZONE 'UTC')::date
        WHERE p.id = $1`,
      [playerId],
    )) as Array<PlayerLimitsView & { id: string }>;
    if (!row) throw playerNotFound(playerId);
    const { id: _id, ...view } = row;
    return view;
  }

  /** Both limits (decimal strings; null: no limit). */
  async setLimits(playerId: string, dailyWagerLimit: string | null, dailyLossLimit: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO player_limits (player_id, daily_wager_limit, daily_loss_limit) VALUES ($1, $2::numeric, $3::numeric)
       ON CONFLICT (player_id) DO UPDATE SET daily_wager_limit = EXCLUDED.daily_wager_limit, daily_loss_limit = EXCLUDED.daily_loss_limit, updated_at = now()`,
      [playerId, dailyWagerLimit, dailyLossLimit],
    );
  }
}

export function playerNotFound(playerId: string): NotFoundException {
  return new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
}
