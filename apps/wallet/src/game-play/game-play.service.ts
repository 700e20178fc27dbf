import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  WalletErrorKind,
  type FinishRoundCommand,
  type FinishRoundResult,
  type TransactionStatusCommand,
  type TransactionStatusResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { PlayerDirectory } from '../players/player-directory';
import { finishRound, findGameTransaction } from './game-play.store';

/**
 * Status and finish-round: game play's commands that move no money, one at a time. (BET, WIN,
 * REFUND and cancel are decided a batch at a time by GamePlayEngine.)
 */
@Injectable()
export class GamePlayService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly players: PlayerDirectory,
  ) {}

  async status(command: TransactionStatusCommand): Promise<WalletReply<TransactionStatusResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const key = { platformId: command.caller.platformId, operatorId: command.caller.operatorId, transactionId: command.transactionId };
    const stored = await findGameTransaction(this.dataSource.manager, key);
    if (!stored || stored.userId !== command.userId) return refused(WalletErrorKind.TransactionNotFound, 'Transaction not found');
    return { ok: true, result: { userId: command.userId, transactionId: command.transactionId, status: stored.status } };
  }

  async finishRound(command: FinishRoundCommand): Promise<WalletReply<FinishRoundResult>> {
    const found = await this.players.findPlayer(command.caller.operatorId, command.userId);
    if (!found.ok) return found;
    const round = await finishRound(this.dataSource.manager, command.caller.platformId, command.caller.operatorId, command.roundId, found.value.id);
    if (!round) return refused(WalletErrorKind.TransactionNotFound, 'Round not found');
    return { ok: true, result: { userId: command.userId, roundId: command.roundId, gameId: round.gameId } };
  }
}

function refused<T>(kind: WalletErrorKind, message: string): WalletReply<T> {
  return { ok: false, error: { kind, message } };
}
