import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  WalletCommandType,
  type CancelTransactionCommand,
  type CancelTransactionResult,
  type ChangeBalanceCommand,
  type ChangeBalanceResult,
  type FinishRoundCommand,
  type FinishRoundResult,
  type TransactionStatusCommand,
  type TransactionStatusResult,
  type WalletReply,
} from '@wallet-platform/contracts';
import { GamePlayService } from './game-play.service';

/** Kafka entry points of game play: one pattern per wallet command, nothing else. */
@Controller()
export class GamePlayHandler {
  constructor(private readonly gamePlay: GamePlayService) {}

  @MessagePattern(WalletCommandType.ChangeBalance)
  changeBalance(@Payload() command: ChangeBalanceCommand): Promise<WalletReply<ChangeBalanceResult>> {
    return this.gamePlay.changeBalance(command);
  }

  @MessagePattern(WalletCommandType.CancelTransaction)
  cancel(@Payload() command: CancelTransactionCommand): Promise<WalletReply<CancelTransactionResult>> {
    return this.gamePlay.cancel(command);
  }

  @MessagePattern(WalletCommandType.TransactionStatus)
  status(@Payload() command: TransactionStatusCommand): Promise<WalletReply<TransactionStatusResult>> {
    return this.gamePlay.status(command);
  }

  @MessagePattern(WalletCommandType.FinishRound)
  finishRound(@Payload() command: FinishRoundCommand): Promise<WalletReply<FinishRoundResult>> {
    return this.gamePlay.finishRound(command);
  }
}
