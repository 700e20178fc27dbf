import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  WalletCommandType,
  WalletErrorKind,
  type BalanceCommand,
  type BalanceResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { PlayerDirectory } from '../players/player-directory';

/** Answers a player's balance in the requested currency. Reads only: no lock, no ledger write. */
@Controller()
export class BalanceHandler {
  constructor(private readonly players: PlayerDirectory) {}

  @MessagePattern(WalletCommandType.Balance)
  async balance(@Payload() command: BalanceCommand): Promise<WalletReply<BalanceResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const player = found.value;
    const session = await this.players.checkSession(player, command.token, new Date());
    if (!session.ok) return session;
    const blocked = PlayerDirectory.checkActive(player);
    if (blocked) return { ok: false, error: blocked };
    if (command.currency !== player.currency) {
      return { ok: false, error: { kind: WalletErrorKind.CurrencyMismatch, message: 'Invalid currency' } };
    }
    return { ok: true, result: { balance: await this.players.balanceOf(player), currency: player.currency } };
  }
}
