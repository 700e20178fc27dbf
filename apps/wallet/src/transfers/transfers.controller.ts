import { BadRequestException, Body, ConflictException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, ServiceUnavailableException, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BackOfficeApi } from '../back-office/http/api-errors.decorator';
import { PlayerIdParam } from '../back-office/players/player.dto';
import { InsufficientFundsError, StaleWriterError } from '../ledger/ledger-posting';
import { PlayerBusyError } from '../players/player-lock';
import { checkAggregatorBalances, type AggregatorBalanceCheck } from './transfer-balance-check';
import { TRANSFER_AGGREGATORS, TransferAggregators, UnknownAggregatorError } from './transfer-aggregators';
import { TransferResolver } from './transfer-resolver';
import { NothingToTransferError, TransferPlayerNotFoundError, TransferSender } from './transfer-sender';
import { TransferState, TransferStep } from './transfer-state';
import { TransferInFlightError, TransferKeyReusedError, TransferStore, type TransferRecord } from './transfer-store';
import { AggregatorIdParam, TransferCreateRequest, TransferIdParam, TransferSettleRequest, TransferView } from './transfer.dto';
import { AdminOnly, BackOfficeAuthGuard, type BackOfficeRequest, backOfficeValidationPipe } from '@wallet-platform/service-kit';

/** Transfers listed per request. */
export const TRANSFERS_LISTED_MAX = 100;

/** Who settled a transfer by hand (the caller's key name goes into the note). */
export const SETTLED_BY_SUPPORT = 'support';

/**
 * Moving a player's money to and from a transfer-wallet aggregator, and support's view of what is
 * in flight. A transfer answers 200 in whatever state its call left it: `posted`, `voided`, or
 * `unknown` (its answer was lost: the resolver decides from the aggregator's state; the money stays
 * in transit meanwhile). 409 `transfer_in_flight` while the player has another one open,
 * 409 `idempotency_key_reused`, 409 `insufficient_funds`, 409 `nothing_to_transfer` (amount `all`
 * of a zero balance), 400 `unknown_aggregator`,
 * 503 `player_busy`.
 */
@ApiTags('aggregator-transfers')
@BackOfficeApi()
@Controller('back-office/v1')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class TransfersController {
  constructor(
    @Inject(TransferSender) private readonly sender: TransferSender,
    @Inject(TransferStore) private readonly store: TransferStore,
    @Inject(TransferResolver) private readonly resolver: TransferResolver,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
  ) {}

  /**
   * The balance check of one aggregator: what our ledger holds as "at the aggregator" against the
   * sum of its players' balances there, per operator and currency; `difference` is the players'
   * net result there plus anything unexplained (drift).
   */
  @Get('aggregators/:aggregatorId/balance-check')
  @ApiOkResponse({ description: '`{aggregatorId, checkedAt, complete, rows: [{operatorId, currency, held, inTransit, balancesThere, difference, players, unreadable}]}`' })
  async balanceCheck(@Param() { aggregatorId }: AggregatorIdParam): Promise<AggregatorBalanceCheck> {
    try {
      return await checkAggregatorBalances(this.store, this.aggregators, aggregatorId);
    } catch (error) {
      throw httpErrorOf(error);
    }
  }

  @Post('players/:playerId/aggregator-transfers')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: TransferView })
  async create(@Param() { playerId }: PlayerIdParam, @Body() request: TransferCreateRequest): Promise<TransferView> {
    try {
      return view(await this.sender.transfer({ ...request, playerId }));
    } catch (error) {
      throw httpErrorOf(error);
    }
  }

  @Get('players/:playerId/aggregator-transfers')
  @ApiOkResponse({ type: [TransferView] })
  async ofPlayer(@Param() { playerId }: PlayerIdParam): Promise<TransferView[]> {
    return (await this.store.ofPlayer(playerId, TRANSFERS_LISTED_MAX)).map(view);
  }

  /** Every transfer still in flight (pending, sending, unknown), oldest first: what support looks at. */
  @Get('aggregator-transfers/open')
  @ApiOkResponse({ type: [TransferView] })
  async open(): Promise<TransferView[]> {
    return (await this.store.listOpen(TRANSFERS_LISTED_MAX)).map(view);
  }

  @Get('aggregator-transfers/:transferId')
  @ApiOkResponse({ type: TransferView })
  async one(@Param() { transferId }: TransferIdParam): Promise<TransferView> {
    const transfer = await this.store.find(transferId);
    if (!transfer) throw new NotFoundException({ error: 'transfer_not_found', message: `no aggregator transfer ${transferId}` });
    return view(transfer);
  }

  /** Asks the aggregator again now (the resolver's rules, not a resend): answers the transfer afterwards. */
  @Post('aggregator-transfers/:transferId/resolve')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: TransferView })
  async resolve(@Param() { transferId }: TransferIdParam): Promise<TransferView> {
    const transfer = await this.store.find(transferId);
    if (!transfer) throw new NotFoundException({ error: 'transfer_not_found', message: `no aggregator transfer ${transferId}` });
    if (transfer.state === TransferState.Pending) {
      throw new ConflictException({ error: 'transfer_pending', message: 'the transfer has not been sent; it is voided by the resolver once stale' });
    }
    try {
      return view(await this.resolver.resolveOne(transfer));
    } catch (error) {
      throw httpErrorOf(error);
    }
  }

  /**
   * Support's decision on an `unknown` transfer, after checking with the aggregator: `posted`
   * (with its wallet tx id when known) or `voided`. Only an unknown transfer can be settled by hand.
   */
  @Post('aggregator-transfers/:transferId/settle')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: TransferView })
  async settle(@Param() { transferId }: TransferIdParam, @Body() request: TransferSettleRequest, @Req() http: BackOfficeRequest): Promise<TransferView> {
    const transfer = await this.store.find(transferId);
    if (!transfer) throw new NotFoundException({ error: 'transfer_not_found', message: `no aggregator transfer ${transferId}` });
    if (transfer.state !== TransferState.Unknown) {
      throw new ConflictException({ error: 'transfer_not_unknown', message: `the transfer is ${transfer.state}; only an unknown transfer is settled by hand` });
    }
    const note = `support (${http.backOfficeCaller?.name ?? 'unknown'}): ${request.reason}`;
    try {
      const settled = await this.store.settle(
        transferId,
        [TransferState.Unknown],
        request.outcome === 'posted'
          ? { step: TransferStep.Posted, walletTxId: request.walletTxId ?? null, txId: null, note, settledBy: SETTLED_BY_SUPPORT }
          : { step: TransferStep.Voided, note, settledBy: SETTLED_BY_SUPPORT },
      );
      if (settled.state === TransferState.Unknown) throw new ConflictException({ error: 'transfer_not_unknown', message: 'the transfer changed meanwhile' });
      return view(settled);
    } catch (error) {
      if ((error as { driverError?: { constraint?: string } }).driverError?.constraint === 'aggregator_transfers_wallet_tx_unique') {
        throw new ConflictException({ error: 'wallet_tx_attributed', message: `wallet tx ${request.walletTxId ?? ''} is already attributed to another transfer` });
      }
      throw httpErrorOf(error);
    }
  }
}

function view(transfer: TransferRecord): TransferView {
  const { operatorId: _operatorId, balanceReadAt: _balanceReadAt, ...rest } = transfer;
  return rest;
}

function httpErrorOf(error: unknown): unknown {
  if (error instanceof TransferPlayerNotFoundError) return new NotFoundException({ error: 'player_not_found', message: error.message });
  if (error instanceof UnknownAggregatorError) return new BadRequestException({ error: 'unknown_aggregator', message: error.message });
  if (error instanceof TransferInFlightError) return new ConflictException({ error: 'transfer_in_flight', message: `${error.message}; it is resolved first` });
  if (error instanceof TransferKeyReusedError) return new ConflictException({ error: 'idempotency_key_reused', message: error.message });
  if (error instanceof NothingToTransferError) return new ConflictException({ error: 'nothing_to_transfer', message: error.message });
  if (error instanceof InsufficientFundsError) return new ConflictException({ error: 'insufficient_funds', message: "the player's balance does not cover the transfer" });
  if (error instanceof PlayerBusyError || error instanceof StaleWriterError) {
    return new ServiceUnavailableException({ error: 'player_busy', message: 'the player is in the middle of another operation; retry with the same idempotency key' });
  }
  return error;
}
