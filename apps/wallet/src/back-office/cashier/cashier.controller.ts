import { Body, Controller, HttpCode, Param, Post, Req, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PlayerIdParam } from '../players/player.dto';
import { AdjustmentRequest, CashierMovementRequest, CashierOperationView } from './cashier.dto';
import { CashierService } from './cashier.service';
import { BackOfficeApi } from '../http/api-errors.decorator';
import { AdminOnly, BackOfficeAuthGuard, type BackOfficeRequest, backOfficeValidationPipe } from '@wallet-platform/service-kit';

/**
 * Deposits, withdrawals and adjustments. 200 with the operation (also for a retry with the same
 * idempotency key), 409 `insufficient_funds` when it would overdraw, 409 `idempotency_key_reused`
 * when the key was used for another operation, 503 `player_busy` when the player stays locked.
 */
@ApiTags('cashier')
@BackOfficeApi()
@Controller('back-office/v1/players/:playerId')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class CashierController {
  constructor(private readonly cashier: CashierService) {}

  @Post('deposits')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CashierOperationView })
  deposit(@Param() { playerId }: PlayerIdParam, @Body() request: CashierMovementRequest, @Req() http: BackOfficeRequest): Promise<CashierOperationView> {
    return this.cashier.move({ playerId, kind: 'deposit', amount: request.amount, idempotencyKey: request.idempotencyKey, reason: request.reason, performedBy: callerOf(http) });
  }

  @Post('withdrawals')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CashierOperationView })
  withdraw(@Param() { playerId }: PlayerIdParam, @Body() request: CashierMovementRequest, @Req() http: BackOfficeRequest): Promise<CashierOperationView> {
    return this.cashier.move({ playerId, kind: 'withdrawal', amount: `-${request.amount}`, idempotencyKey: request.idempotencyKey, reason: request.reason, performedBy: callerOf(http) });
  }

  @Post('adjustments')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CashierOperationView })
  adjust(@Param() { playerId }: PlayerIdParam, @Body() request: AdjustmentRequest, @Req() http: BackOfficeRequest): Promise<CashierOperationView> {
    return this.cashier.move({ playerId, kind: 'adjustment', amount: request.amount, idempotencyKey: request.idempotencyKey, reason: request.reason, performedBy: callerOf(http) });
  }
}

function callerOf(request: BackOfficeRequest): string {
  return request.backOfficeCaller?.name ?? 'unknown';
}
