import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  WalletCommandType,
  WalletErrorKind,
  type RegenerateSessionCommand,
  type RegenerateSessionResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { PlayerBusyError, PlayerLock } from './player-lock';
import { newSessionToken } from './session-token';

/** The shapes the game_sessions CHECK constraints enforce, checked first so bad input is answered, not thrown. */
const TOKEN_PATTERN = /^[A-Za-z0-9]{20,50}$/;
const GAME_ID_PATTERN = /^[0-9]{1,6}$/;

interface SessionRow {
  readonly token: string;
  readonly playerId: string;
  readonly operatorId: string;
  readonly userId: string;
  readonly gameId: string | null;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly replacedByToken: string | null;
}

const INVALID_TOKEN: WalletReply<never> = { ok: false, error: { kind: WalletErrorKind.InvalidToken, message: 'Invalid token' } };

/**
 * A lobby game switch: a new session token for the new game that inherits the old session's
 * player, operator and expiry, while the old token is revoked in the same database transaction,
 * so from the moment of the answer only the new token is live.
 *
 * Exactly once: the old session remembers its replacement (`replaced_by_token`). A retry of the
 * same switch (same old token, same game) answers the same new token while that one is still
 * live; a switch of an already replaced token to another game is refused like any revoked token,
 * because the provider must use the current token.
 *
 * Runs under the player's lock (like every BET) so a switch and a BET of the same player never
 * interleave: a BET either ran before the old token was revoked or sees it revoked. The old
 * session's row is locked too (FOR UPDATE), which orders two concurrent retries of one switch.
 */
@Controller()
export class RegenerateSessionHandler {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly playerLock: PlayerLock,
  ) {}

  @MessagePattern(WalletCommandType.RegenerateSession)
  async regenerate(@Payload() command: RegenerateSessionCommand): Promise<WalletReply<RegenerateSessionResult>> {
    if (!TOKEN_PATTERN.test(command.token)) return INVALID_TOKEN;
    if (!GAME_ID_PATTERN.test(command.newGameId)) return { ok: false, error: { kind: WalletErrorKind.OperationFailed, message: 'newGameId must be 1-6 digits' } };
    const [session] = (await this.dataSource.query(`SELECT player_id AS "playerId", operator_id AS "operatorId" FROM game_sessions WHERE token = $1`, [
      command.token,
    ])) as Array<{ playerId: string; operatorId: string }>;
    if (!session || session.operatorId !== command.caller.operatorId) return INVALID_TOKEN;
    try {
      return await this.playerLock.withPlayer(session.playerId, () =>
        this.dataSource.transaction('READ COMMITTED', (manager) => regenerateInTransaction(manager, command, new Date())),
      );
    } catch (error) {
      // Nothing was written; the provider's retry will succeed.
      if (error instanceof PlayerBusyError) return { ok: false, error: { kind: WalletErrorKind.Internal, message: error.message } };
      throw error;
    }
  }
}

async function regenerateInTransaction(manager: EntityManager, command: RegenerateSessionCommand, now: Date): Promise<WalletReply<RegenerateSessionResult>> {
  const old = await lockSession(manager, command.token);
  if (!old || old.operatorId !== command.caller.operatorId) return INVALID_TOKEN;

  if (old.replacedByToken !== null) {
    const replacement = await readSession(manager, old.replacedByToken);
    await assertReplacementInherits(manager, old.token);
    // A retry of this very switch: the same answer, as long as that token is still the live one.
    const sameSwitch = replacement !== undefined && replacement.gameId === command.newGameId && isUsableAt(replacement, now);
    return sameSwitch ? answer(replacement) : INVALID_TOKEN;
  }
  if (!isUsableAt(old, now)) return INVALID_TOKEN;

  const token = newSessionToken();
  // expires_at is copied inside PostgreSQL: microseconds included, nothing rounded through a JS Date.
  await manager.query(
    `INSERT INTO game_sessions (token, player_id, operator_id, game_id, expires_at)
     SELECT $1, player_id, operator_id, $2, expires_at FROM game_sessions WHERE token = $3`,
    [token, command.newGameId, old.token],
  );
  const [, revokedCount] = (await manager.query(
    `UPDATE game_sessions SET revoked_at = $2, replaced_by_token = $3 WHERE token = $1 AND revoked_at IS NULL AND replaced_by_token IS NULL`,
    [old.token, now.toISOString(), token],
  )) as [unknown, number];
  if (revokedCount !== 1) throw new Error(`session regeneration revoked ${revokedCount} sessions instead of 1`);
  await assertReplacementInherits(manager, old.token);

  const created = await readSession(manager, token);
  if (!created) throw new Error('session regeneration: the new session is not readable in its own transaction');
  return answer(created);
}

async function lockSession(manager: EntityManager, token: string): Promise<SessionRow | undefined> {
  const [row] = (await manager.query(`${SESSION_SELECT} WHERE s.token = $1 FOR UPDATE OF s`, [token])) as SessionRow[];
  return row;
}

async function readSession(manager: EntityManager, token: string): Promise<SessionRow | undefined> {
  const [row] = (await manager.query(`${SESSION_SELECT} WHERE s.token = $1`, [token])) as SessionRow[];
  return row;
}

const SESSION_SELECT = `
  SELECT s.token, s.player_id AS "playerId", s.operator_id AS "operatorId", p.user_id AS "userId", s.game_id AS "gameId",
         s.expires_at AS "expiresAt", s.revoked_at AS "revokedAt", s.replaced_by_token AS "replacedByToken"
    FROM game_sessions s JOIN players p ON p.id = s.player_id`;

/**
 * The invariant of a replacement, checked after writing it and again on every replay: the new
 * session has the old one's player, operator and expiry (to the microsecond), and the old one is
 * revoked. A violation is a bug: it throws, and the command is answered as an internal error.
 */
async function assertReplacementInherits(manager: EntityManager, oldToken: string): Promise<void> {
  const [row] = (await manager.query(
    `SELECT n.player_id = o.player_id AND n.operator_id = o.operator_id AND n.expires_at = o.expires_at AND o.revoked_at IS NOT NULL AS "inherits"
       FROM game_sessions o JOIN game_sessions n ON n.token = o.replaced_by_token
      WHERE o.token = $1`,
    [oldToken],
  )) as Array<{ inherits: boolean }>;
  if (row?.inherits !== true) throw new Error('session replacement does not inherit the replaced session (player, operator, expiry) or the old one is live');
}

function isUsableAt(session: SessionRow, now: Date): boolean {
  return session.revokedAt === null && session.expiresAt.getTime() > now.getTime();
}

function answer(session: SessionRow): WalletReply<RegenerateSessionResult> {
  if (session.gameId === null) throw new Error('a regenerated session always has a game');
  return { ok: true, result: { token: session.token, userId: session.userId, gameId: session.gameId, expiresAt: session.expiresAt.toISOString() } };
}
