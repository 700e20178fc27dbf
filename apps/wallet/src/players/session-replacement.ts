import type { EntityManager } from 'typeorm';
import { WalletErrorKind, type RegenerateSessionCommand, type RegenerateSessionResult, type WalletReply } from '@wallet-platform/contracts';
import { newSessionToken } from './session-token';

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

export const INVALID_TOKEN: WalletReply<never> = { ok: false, error: { kind: WalletErrorKind.InvalidToken, message: 'Invalid token' } };

/** Who owns a session token (any state), or undefined: read before the player's lock is taken. */
export async function findSessionOwner(manager: EntityManager, token: string): Promise<{ playerId: string; operatorId: string } | undefined> {
  const [session] = (await manager.query(`SELECT player_id AS "playerId", operator_id AS "operatorId" FROM game_sessions WHERE token = $1`, [token])) as Array<{
    playerId: string;
    operatorId: string;
  }>;
  return session;
}

/** The switch itself, in the caller's database transaction under the player's lock (see the handler). */
export async function regenerateInTransaction(manager: EntityManager, command: RegenerateSessionCommand, now: Date): Promise<WalletReply<RegenerateSessionResult>> {
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
