import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
  constructor(
    private readonly players: PlayerDirectory,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
    const rows = (await this.dataSource.query(
      `SELECT balance::text AS balance FROM accounts WHERE kind = 'player' AND player_id = $1 AND currency = $2`,
      [player.id, player.currency],
    )) as Array<{ balance: string }>;
    // A player without an account in their own currency has never been funded: balance zero.
    return { ok: true, result: { balance: rows[0]?.balance ?? '0.00', currency: player.currency } };
  }
}
