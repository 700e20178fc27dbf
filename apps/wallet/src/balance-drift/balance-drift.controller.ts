import { ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import { PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';
import { BackOfficeApi } from '../back-office/http/api-errors.decorator';
import { aggregatorHttpErrorOf } from '../back-office/aggregator-history/aggregator-http-errors';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../transfers/transfer-aggregators';
import type { AggregatorBalanceDriftReport } from './balance-drift-check';
import { BalanceCheckRunningError, BalanceDriftMonitor } from './balance-drift.monitor';
import { BalanceDriftStore } from './balance-drift.store';

export class BalanceDriftParams {
  @Matches(PLATFORM_ID_PATTERN, { message: 'aggregatorId must be 1-40 chars of [a-z0-9-] (a platform id of the registry)' })
  aggregatorId!: string;
}

const REPORT_DESCRIPTION =
  '`{aggregatorId, checkedAt, complete, rows: [{operatorId, currency, held, heldByTransfers, balancesThere, playThere, heldForChecked, drift, players, playersChecked, ' +
  'playersSkipped: {transfer-in-flight, balance-moving, unreadable}}], skipped: [{playerId, reason, detail}]}`; `drift` is 0.00 on honest play (docs/aggregator.md, Balance drift)';

/**
 * The periodic balance check's last result per aggregator, and a check on request.
 * 404 `aggregator_not_configured`, 404 `no_balance_check_yet`, 409 `balance_check_running`.
 */
@ApiTags('aggregator-transfers')
@BackOfficeApi()
@Controller('back-office/v1/aggregators/:aggregatorId/balance-drift')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class BalanceDriftController {
  constructor(
    @Inject(BalanceDriftStore) private readonly store: BalanceDriftStore,
    @Inject(BalanceDriftMonitor) private readonly monitor: BalanceDriftMonitor,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
  ) {}

  /** The last check, whichever replica ran it. */
  @Get()
  @ApiOkResponse({ description: REPORT_DESCRIPTION })
  @ApiNotFoundResponse({ description: '`aggregator_not_configured`, `no_balance_check_yet`' })
  async last(@Param() { aggregatorId }: BalanceDriftParams): Promise<AggregatorBalanceDriftReport> {
    this.mustBeConfigured(aggregatorId);
    const report = await this.store.last(aggregatorId);
    if (!report) throw new NotFoundException({ error: 'no_balance_check_yet', message: `aggregator ${aggregatorId} has not been checked yet` });
    return report;
  }

  /**
   * Checks now (reads every player's balance and history there) and answers the new result; a
   * player the aggregator cannot answer for is counted as skipped (`unreadable`), not failed.
   */
  @Post()
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ description: REPORT_DESCRIPTION })
  @ApiConflictResponse({ description: '`balance_check_running`: another replica or request is checking this aggregator' })
  async checkNow(@Param() { aggregatorId }: BalanceDriftParams): Promise<AggregatorBalanceDriftReport> {
    this.mustBeConfigured(aggregatorId);
    try {
      return await this.monitor.checkNow(aggregatorId);
    } catch (error) {
      if (error instanceof BalanceCheckRunningError) throw new ConflictException({ error: 'balance_check_running', message: error.message });
      throw aggregatorHttpErrorOf(error);
    }
  }

  private mustBeConfigured(aggregatorId: string): void {
    if (!this.aggregators.all().some((aggregator) => aggregator.aggregatorId === aggregatorId)) {
      throw new NotFoundException({ error: 'aggregator_not_configured', message: `aggregator ${aggregatorId} is not configured` });
    }
  }
}
