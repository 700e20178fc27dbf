import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PromotionsCommandType, type AwardWinCommand, type AwardWinReply } from '@wallet-platform/contracts';
import { AwardsService } from './awards.service';

/** `promotions.award-win` from the gateway's protocol adapters, over Kafka request-reply. */
@Controller()
export class AwardWinHandler {
  constructor(private readonly awards: AwardsService) {}

  @MessagePattern(PromotionsCommandType.AwardWin)
  async awardWin(@Payload() command: AwardWinCommand): Promise<AwardWinReply> {
    return this.awards.award(command);
  }
}
