import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  PLAYER_FACTS_USERS_MAX,
  WalletCommandType,
  WalletErrorKind,
  WalletPlayerStatus,
  type PlayerFactsCommand,
  type PlayerFactsEntry,
  type PlayerFactsResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { PlayerDirectory } from './player-directory';

const TOKEN_PATTERN = /^[A-Za-z0-9]{20,50}$/;
const USER_ID_LENGTH_MAX = 70;

/**
 * The facts the promotions service needs before it grants free rounds or pays a prize: each
 * player's status and currency, and whose session a token is. Reads only: no lock, no ledger.
 *
 * The session check of a prize is deliberately wide: a tournament ends, or a free-round offer is
 * settled, after the player's session expired or was replaced by a lobby switch, so any token we
 * ever issued to the player counts (expired and revoked included). What it must not be is unknown,
 * or another operator's: that answers `tokenUserId: null` and the prize is refused.
 */
@Controller()
export class PlayerFactsHandler {
  constructor(private readonly players: PlayerDirectory) {}

  @MessagePattern(WalletCommandType.PlayerFacts)
  async facts(@Payload() command: PlayerFactsCommand): Promise<WalletReply<PlayerFactsResult>> {
    const problem = shapeProblem(command);
    if (problem) return { ok: false, error: { kind: WalletErrorKind.InvalidCommand, message: problem } };
    const operatorId = command.caller.operatorId;
    // An id longer than a user id can be is nobody's: left out of the answer like any unknown one.
    const rows = await this.players.findPlayersOf(operatorId, command.userIds.filter((id) => id.length <= USER_ID_LENGTH_MAX));
    const players: PlayerFactsEntry[] = rows.map((row) => ({
      userId: row.userId,
      playerId: row.playerId,
      status: row.status === WalletPlayerStatus.Active ? WalletPlayerStatus.Active : WalletPlayerStatus.Blocked,
      currency: row.currency,
    }));
    let tokenUserId: string | null = null;
    if (command.token !== null && isTokenShaped(command.token)) {
      tokenUserId = await this.players.findTokenOwner(operatorId, command.token);
    }
    return { ok: true, result: { players, tokenUserId } };
  }
}

function shapeProblem(command: PlayerFactsCommand): string | null {
  if (typeof command?.caller?.operatorId !== 'string') return 'caller.operatorId: must be a string';
  if (!Array.isArray(command.userIds) || command.userIds.length > PLAYER_FACTS_USERS_MAX) return `userIds: must be an array of at most ${PLAYER_FACTS_USERS_MAX}`;
  if (command.userIds.some((id) => typeof id !== 'string')) return 'userIds: each a string';
  // A malformed token can be no one's: answered as unknown without a query.
  if (command.token !== null && typeof command.token !== 'string') return 'token: must be a string or null';
  return null;
}

/** A token that cannot be ours is nobody's (no query is made for it). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
