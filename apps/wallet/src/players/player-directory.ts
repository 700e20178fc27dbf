import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WalletErrorKind, type WalletError } from '@wallet-platform/contracts';
import { readPlayerBalance } from '../ledger/accounts';
import { GameSessionEntity } from './game-session.entity';
import { PlayerEntity, PlayerStatus } from './player.entity';

export type Checked<T> = { ok: true; value: T } | { ok: false; error: WalletError };

/** Finds players and checks their sessions: the rules every player-facing command starts with. */
@Injectable()
export class PlayerDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** On every command's path: one plain query, no query builder. */
  async findPlayer(operatorId: string, userId: string): Promise<Checked<PlayerEntity>> {
    const rows = (await this.dataSource.query(
      `SELECT id, operator_id AS "operatorId", user_id AS "userId", user_name AS "userName", display_name AS "displayName", country, currency,
              player_group AS "group", status, created_at AS "createdAt"
         FROM players WHERE operator_id = $1 AND user_id = $2`,
      [operatorId, userId],
    )) as PlayerEntity[];
    if (rows.length === 0) return refuse(WalletErrorKind.PlayerNotFound, 'Player is not found');
    return { ok: true, value: rows[0] };
  }

  /** The player behind a usable (unrevoked, unexpired) session of this operator, or InvalidToken. */
  async findSessionPlayer(operatorId: string, token: string, now: Date): Promise<Checked<PlayerEntity>> {
    const session = await this.dataSource.getRepository(GameSessionEntity).findOneBy({ token });
    if (!session || session.operatorId !== operatorId || !session.isUsableAt(now)) return refuse(WalletErrorKind.InvalidToken, 'Invalid token');
    return { ok: true, value: await this.dataSource.getRepository(PlayerEntity).findOneByOrFail({ id: session.playerId }) };
  }

  /** The player's balance in their own currency; a player never funded has '0.00'. */
  async balanceOf(player: PlayerEntity): Promise<string> {
    return (await readPlayerBalance(this.dataSource.manager, player.id, player.currency)) ?? '0.00';
  }

  /** Status and currency of each of these players of the operator (unknown ones are left out). */
  async findPlayersOf(operatorId: string, userIds: readonly string[]): Promise<Array<{ playerId: string; userId: string; status: string; currency: string }>> {
    return (await this.dataSource.query(`SELECT id::text AS "playerId", user_id AS "userId", status, currency FROM players WHERE operator_id = $1 AND user_id = ANY($2::text[])`, [
      operatorId,
      userIds,
    ])) as Array<{ playerId: string; userId: string; status: string; currency: string }>;
  }

  /** The user id whose session (in any state: live, expired, revoked) this token is, for this operator; null if none. */
  async findTokenOwner(operatorId: string, token: string): Promise<string | null> {
    const [owner] = (await this.dataSource.query(
      `SELECT p.user_id AS "userId" FROM game_sessions s JOIN players p ON p.id = s.player_id WHERE s.token = $1 AND s.operator_id = $2`,
      [token, operatorId],
    )) as Array<{ userId: string }>;
    return owner?.userId ?? null;
  }

  /** A session is valid for a player if it is theirs, of the same operator, unrevoked and unexpired. */
  async checkSession(player: PlayerEntity, token: string, now: Date): Promise<Checked<GameSessionEntity>> {
    const session = await this.dataSource.getRepository(GameSessionEntity).findOneBy({ token });
    if (!session || session.playerId !== player.id || session.operatorId !== player.operatorId || !session.isUsableAt(now)) {
      return refuse(WalletErrorKind.InvalidToken, 'Invalid token');
    }
    return { ok: true, value: session };
  }

  static checkActive(player: PlayerEntity): WalletError | null {
    return player.status === PlayerStatus.Blocked ? { kind: WalletErrorKind.PlayerBlocked, message: 'Player is blocked' } : null;
  }
}

function refuse<T>(kind: WalletErrorKind, message: string): Checked<T> {
  return { ok: false, error: { kind, message } };
}
