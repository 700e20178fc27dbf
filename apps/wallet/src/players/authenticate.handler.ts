import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { WalletCommandType, type AuthenticateCommand, type AuthenticateResult, type WalletReply } from '@wallet-platform/contracts';
import { PlayerDirectory } from './player-directory';

/** The platform's first call of a game launch: who is behind this token, and what do they have. */
@Controller()
export class AuthenticateHandler {
  constructor(private readonly players: PlayerDirectory) {}

  @MessagePattern(WalletCommandType.Authenticate)
  async authenticate(@Payload() command: AuthenticateCommand): Promise<WalletReply<AuthenticateResult>> {
    const found = await this.players.findSessionPlayer(command.caller.operatorId, command.token, new Date());
    if (!found.ok) return found;
    const player = found.value;
    const blocked = PlayerDirectory.checkActive(player);
    if (blocked) return { ok: false, error: blocked };
    return {
      ok: true,
      result: {
        userId: player.userId,
        userName: player.userName,
        country: player.country,
        displayName: player.displayName,
        group: player.group,
        currency: player.currency,
        balance: await this.players.balanceOf(player),
      },
    };
  }
}
