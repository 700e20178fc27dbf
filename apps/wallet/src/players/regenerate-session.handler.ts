import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  WalletCommandType,
  WalletErrorKind,
  type RegenerateSessionCommand,
  type RegenerateSessionResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { PlayerBusyError, PlayerLock } from './player-lock';
import { findSessionOwner, INVALID_TOKEN, regenerateInTransaction } from './session-replacement';

/** The shapes the game_sessions CHECK constraints enforce, checked first so bad input is answered, not thrown. */
const TOKEN_PATTERN = /^[A-Za-z0-9]{20,50}$/;
const GAME_ID_PATTERN = /^[0-9]{1,6}$/;

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
    const session = await findSessionOwner(this.dataSource.manager, command.token);
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
