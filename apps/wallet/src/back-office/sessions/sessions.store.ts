import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface LaunchingPlayer {
  readonly id: string;
  readonly operatorId: string;
  readonly currency: string;
  readonly status: string;
  readonly group: string | null;
}

export interface NewGameSession {
  readonly token: string;
  readonly playerId: string;
  readonly operatorId: string;
  /** Null for a lobby session (any game). */
  readonly gameId: string | null;
  readonly hours: number;
}

/** The back office's SQL of game launches: the player, the game's switches, the session row. */
@Injectable()
export class SessionsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async player(playerId: string): Promise<LaunchingPlayer | null> {
    const [player] = (await this.dataSource.query(`SELECT id, operator_id AS "operatorId", currency, status, player_group AS "group" FROM players WHERE id = $1`, [
      playerId,
    ])) as LaunchingPlayer[];
    return player ?? null;
  }

  /** 409 `game_disabled` when the platform or the operator switched the game off. */
  async assertGameEnabled(platformId: string, gameId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM games WHERE platform_id = $1 AND game_id = $2 AND NOT (enabled_by_platform AND enabled_by_operator)`,
      [platformId, gameId],
    )) as unknown[];
    if (rows.length > 0) throw new ConflictException({ error: 'game_disabled', message: `game ${gameId} of ${platformId} is disabled` });
  }

  /** Stores the session; answers its expiry as an ISO timestamp (UTC, seconds). */
  async open(session: NewGameSession): Promise<string> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO game_sessions (token, player_id, operator_id, game_id, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5::int))
       RETURNING to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "expiresAt"`,
      [session.token, session.playerId, session.operatorId, session.gameId, session.hours],
    )) as Array<{ expiresAt: string }>;
    return row.expiresAt;
  }

  /** Revokes a session (ending it twice is fine); false if there is no such session. */
  async revoke(token: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`UPDATE game_sessions SET revoked_at = COALESCE(revoked_at, now()) WHERE token = $1 RETURNING token`, [token])) as [unknown[], number];
    return rows[1] > 0;
  }
}
