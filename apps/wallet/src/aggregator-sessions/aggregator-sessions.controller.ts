import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Res, UseGuards, UsePipes } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';
import { BackOfficeApi } from '../back-office/http/api-errors.decorator';
import { PlayerIdParam } from '../back-office/players/player.dto';
import type { TransferRecord } from '../transfers/transfer-store';
import { SessionEndReason, type AggregatorSessionRecord } from './aggregator-session-state';
import { sessionHttpErrorOf, voidedTransferError } from './aggregator-session-http-errors';
import { AggregatorSessionService, type EndOutcome, type LaunchOutcome } from './aggregator-session.service';
import { AggregatorSessionStore } from './aggregator-session.store';
import { AggregatorLaunchRequestBody, AggregatorLaunchView, AggregatorSessionEndView, AggregatorSessionIdParam, AggregatorSessionView, type AggregatorTransferRefView } from './aggregator-session.dto';

/** Sessions listed per request. */
export const SESSIONS_LISTED_MAX = 100;

/**
 * Game launch at a transfer-wallet aggregator: the launch policy's deposit, then the aggregator's
 * launch (url or html); ending the session brings the money back. 200 when done; 202 while a
 * transfer is in transit (the same request again goes on from where it is); 502 `deposit_voided` /
 * `withdraw_voided` when the aggregator definitely did not take the transfer.
 */
@ApiTags('aggregator-sessions')
@BackOfficeApi()
@Controller('back-office/v1')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class AggregatorSessionsController {
  constructor(
    @Inject(AggregatorSessionService) private readonly service: AggregatorSessionService,
    @Inject(AggregatorSessionStore) private readonly store: AggregatorSessionStore,
  ) {}

  @Post('players/:playerId/aggregator-sessions')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: AggregatorLaunchView, description: '`launched`' })
  @ApiAcceptedResponse({ type: AggregatorLaunchView, description: '`deposit_in_transit` or `withdraw_in_transit`: send the same request again later' })
  async launch(@Param() { playerId }: PlayerIdParam, @Body() body: AggregatorLaunchRequestBody, @Res({ passthrough: true }) response: Response): Promise<AggregatorLaunchView> {
    let outcome: LaunchOutcome;
    try {
      outcome = await this.service.launch({
        playerId,
        aggregatorId: body.aggregatorId,
        gameId: body.gameId,
        idempotencyKey: body.idempotencyKey,
        isMobile: body.device === 'mobile',
        lang: body.language,
        ...(body.playerIp === undefined ? {} : { playerIp: body.playerIp }),
        ...(body.lobbyUrl === undefined ? {} : { lobbyUrl: body.lobbyUrl }),
        ...(body.cashierUrl === undefined ? {} : { cashierUrl: body.cashierUrl }),
      });
    } catch (error) {
      throw sessionHttpErrorOf(error);
    }
    switch (outcome.kind) {
      case 'launched':
        return { outcome: 'launched', session: sessionView(outcome.session), launch: launchOf(outcome.session), transfer: transferRef(outcome.deposit) };
      case 'deposit-in-transit':
        response.status(202);
        return { outcome: 'deposit_in_transit', session: sessionView(outcome.session), launch: null, transfer: transferRef(outcome.deposit) };
      case 'previous-ending':
        if (outcome.previous.kind === 'withdraw-voided') throw voidedTransferError('withdraw_voided', outcome.previous.session.id, outcome.previous.withdraw);
        response.status(202);
        return { outcome: 'withdraw_in_transit', session: sessionView(outcome.previous.session), launch: null, transfer: transferRef(outcome.previous.kind === 'ended' ? null : outcome.previous.transfer) };
      case 'deposit-voided':
        throw voidedTransferError('deposit_voided', outcome.session.id, outcome.deposit);
    }
  }

  @Get('players/:playerId/aggregator-sessions')
  @ApiOkResponse({ type: [AggregatorSessionView] })
  async ofPlayer(@Param() { playerId }: PlayerIdParam): Promise<AggregatorSessionView[]> {
    return (await this.store.ofPlayer(playerId, SESSIONS_LISTED_MAX)).map(sessionView);
  }

  @Get('aggregator-sessions/:sessionId')
  @ApiOkResponse({ type: AggregatorSessionView })
  async one(@Param() { sessionId }: AggregatorSessionIdParam): Promise<AggregatorSessionView> {
    return sessionView(await this.mustFind(sessionId));
  }

  /** Ends the session: the player's whole balance there comes back. Ending an ended session again answers it. */
  @Post('aggregator-sessions/:sessionId/end')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: AggregatorSessionEndView, description: '`ended`' })
  @ApiAcceptedResponse({ type: AggregatorSessionEndView, description: '`withdraw_in_transit`' })
  async end(@Param() { sessionId }: AggregatorSessionIdParam, @Res({ passthrough: true }) response: Response): Promise<AggregatorSessionEndView> {
    const session = await this.mustFind(sessionId);
    let outcome: EndOutcome;
    try {
      outcome = await this.service.end(session, SessionEndReason.BackOffice);
    } catch (error) {
      throw sessionHttpErrorOf(error);
    }
    switch (outcome.kind) {
      case 'ended':
        return { outcome: 'ended', session: sessionView(outcome.session), transfer: transferRef(outcome.withdraw) };
      case 'withdraw-in-transit':
        response.status(202);
        return { outcome: 'withdraw_in_transit', session: sessionView(outcome.session), transfer: transferRef(outcome.transfer) };
      case 'withdraw-voided':
        throw voidedTransferError('withdraw_voided', outcome.session.id, outcome.withdraw);
    }
  }

  private async mustFind(sessionId: string): Promise<AggregatorSessionRecord> {
    const session = await this.store.find(sessionId);
    if (!session) throw new NotFoundException({ error: 'aggregator_session_not_found', message: `no aggregator session ${sessionId}` });
    return session;
  }
}

/** The launch's content is in the launch answer only (it can carry the aggregator's session token), never in listings. */
function sessionView(session: AggregatorSessionRecord): AggregatorSessionView {
  const { operatorId: _operatorId, launchType: _launchType, launchContent: _launchContent, depositClaimedAt: _depositClaimedAt, ...rest } = session;
  return rest;
}

function launchOf(session: AggregatorSessionRecord): AggregatorLaunchView['launch'] {
  if (session.launchType === null || session.launchContent === null) return null;
  return session.launchType === 'url' ? { type: 'url', url: session.launchContent } : { type: 'html', html: session.launchContent };
}

function transferRef(transfer: TransferRecord | null): AggregatorTransferRefView | null {
  return transfer === null ? null : { id: transfer.id, direction: transfer.direction, amount: transfer.amount, currency: transfer.currency, state: transfer.state, outcomeNote: transfer.outcomeNote };
}
