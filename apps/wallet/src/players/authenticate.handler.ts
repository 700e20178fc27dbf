import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WalletCommandType, WalletErrorKind, type AuthenticateCommand, type AuthenticateResult, type WalletReply } from '@wallet-platform/contracts';
import { GameSessionEntity } from './game-session.entity';
import { PlayerDirectory } from './player-directory';
import { PlayerEntity } from './player.entity';

/** The platform's first call of a game launch: who is behind this token, and what do they have. */
@Controller()
export class AuthenticateHandler {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @MessagePattern(WalletCommandType.Authenticate)
  async authenticate(@Payload() command: AuthenticateCommand): Promise<WalletReply<AuthenticateResult>> {
    const session = await this.dataSource.getRepository(GameSessionEntity).findOneBy({ token: command.token });
    if (!session || session.operatorId !== command.caller.operatorId || !session.isUsableAt(new Date())) {
      return { ok: false, error: { kind: WalletErrorKind.InvalidToken, message: 'Invalid token' } };
    }
    const player = await this.dataSource.getRepository(PlayerEntity).findOneByOrFail({ id: session.playerId });
    const blocked = PlayerDirectory.checkActive(player);
    if (blocked) return { ok: false, error: blocked };
    const rows = (await this.dataSource.query(`SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2`, [
      player.id,
      player.currency,
    ])) as Array<{ balance: string }>;
    return {
      ok: true,
      result: {
        userId: player.userId,
        userName: player.userName,
        country: player.country,
        displayName: player.displayName,
        group: player.group,
        currency: player.currency,
        balance: rows[0]?.balance ?? '0.00',
      },
    };
  }
}
