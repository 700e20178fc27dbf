import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  WalletCommandType,
  type FinishRoundCommand,
  type FinishRoundResult,
  type TransactionStatusCommand,
  type TransactionStatusResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { GamePlayService } from './game-play.service';

/**
 * Kafka entry points of game play's reads. The money commands (changebalance, cancel) do not come
 * through here: the transport hands them a batch at a time to GamePlayEngine.
 */
@Controller()
export class GamePlayHandler {
  constructor(private readonly gamePlay: GamePlayService) {}

  @MessagePattern(WalletCommandType.TransactionStatus)
  status(@Payload() command: TransactionStatusCommand): Promise<WalletReply<TransactionStatusResult>> {
    return this.gamePlay.status(command);
  }

  @MessagePattern(WalletCommandType.FinishRound)
  finishRound(@Payload() command: FinishRoundCommand): Promise<WalletReply<FinishRoundResult>> {
    return this.gamePlay.finishRound(command);
  }
}
