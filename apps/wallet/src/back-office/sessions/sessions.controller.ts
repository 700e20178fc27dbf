import { BadRequestException, Body, ConflictException, Controller, Delete, HttpCode, Inject, NotFoundException, Optional, Param, Post, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { buildFunModeGameUrl, buildLobbyUrl, buildRealModeGameUrl, GameLaunchParameterError } from '@wallet-platform/platform-client';
import { findPlatform, PLATFORM_SETTINGS, type PlatformSettings } from '../../platforms/platform-settings';
import { newSessionToken } from '../../players/session-token';
import { PlayerIdParam } from '../players/player.dto';
import { LaunchGameRequest, LaunchView, SessionTokenParam } from './sessions.dto';
import { SessionsStore } from './sessions.store';
import { PLAYER_RETURNS, type PlayerReturns } from './player-returns';
import { BackOfficeApi } from '../http/api-errors.decorator';
import { AdminOnly, BackOfficeAuthGuard, backOfficeValidationPipe } from '@wallet-platform/service-kit';

const SESSION_HOURS_DEFAULT = 8;

/**
 * Game launch: a new session token for every real-money launch (unique, from the cryptographic
 * random source, bound to player, operator and game), and the platform's launch URL. Ending a
 * session revokes its token at once: the platform's next BET with it answers OP_21.
 */
@ApiTags('sessions')
@BackOfficeApi()
@Controller('back-office/v1')
@UseGuards(BackOfficeAuthGuard)
@UsePipes(backOfficeValidationPipe)
export class SessionsController {
  constructor(
    private readonly sessions: SessionsStore,
    @Inject(PLATFORM_SETTINGS) private readonly platforms: readonly PlatformSettings[],
    @Optional() @Inject(PLAYER_RETURNS) private readonly playerReturns?: PlayerReturns,
  ) {}

  @Post('players/:playerId/sessions')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView })
  async launch(@Param() { playerId }: PlayerIdParam, @Body() request: LaunchGameRequest): Promise<LaunchView> {
    const player = await this.sessions.player(playerId);
    if (!player) throw new NotFoundException({ error: 'player_not_found', message: `no player ${playerId}` });
    const platform = findPlatform(this.platforms, request.platformId, player.operatorId);
    if (!platform) {
      throw new NotFoundException({ error: 'platform_not_configured', message: `platform ${request.platformId} is not configured for operator ${player.operatorId}` });
    }
    const launchConfig = { gameLaunchBaseUrl: platform.gameLaunchBaseUrl, operatorId: platform.operatorId };
    try {
      if (request.mode === 'fun') {
        const launchUrl = buildFunModeGameUrl(launchConfig, {
          gameId: request.gameId as string,
          language: request.language,
          device: request.device,
          currency: player.currency,
          homeUrl: request.homeUrl,
        });
        return { launchUrl, token: null, expiresAt: null };
      }
      if (player.status === 'blocked') throw new ConflictException({ error: 'player_blocked', message: 'a blocked player cannot start a real-money session' });
      if (request.mode === 'real') await this.sessions.assertGameEnabled(platform.platformId, request.gameId as string);
      const token = newSessionToken();
      const common = {
        token,
        currency: player.currency,
        language: request.language,
        device: request.device,
        homeUrl: request.homeUrl,
        depositUrl: request.depositUrl,
        group: player.group ?? undefined,
        clientName: request.clientName,
      };
      // Validate the URL before the session exists: a refused parameter leaves nothing behind.
      const launchUrl =
        request.mode === 'real'
          ? buildRealModeGameUrl(launchConfig, { ...common, gameId: request.gameId as string })
          : buildLobbyUrl(launchConfig, { ...common, lobbyId: request.lobbyId as string });
      await this.comesBack(player.id);
      const expiresAt = await this.sessions.open({
        token,
        playerId: player.id,
        operatorId: player.operatorId,
        gameId: request.mode === 'real' ? (request.gameId as string) : null,
        hours: request.sessionHours ?? SESSION_HOURS_DEFAULT,
      });
      return { launchUrl, token, expiresAt };
    } catch (error) {
      if (error instanceof GameLaunchParameterError) {
        throw new BadRequestException({ error: 'validation_failed', fields: [{ field: error.parameter, problems: [error.message] }] });
      }
      throw error;
    }
  }

  /**
   * A real-money launch here is the player coming back from an aggregator: their session there is
   * ended and its money withdrawn first. Whatever that answers, this launch goes on: the ending is
   * recorded before any call, and what is still in transit or refused is finished by the resolver
   * and the aggregator sessions' sweep.
   */
  private async comesBack(playerId: string): Promise<void> {
    try {
      await this.playerReturns?.playerReturned(playerId);
    } catch {
      // The aggregator session stays ending (or launched, swept once idle): its money comes back later.
    }
  }

  /** Ends a session: its token is refused (OP_21) from now on. Ending it twice is fine. */
  @Delete('sessions/:token')
  @AdminOnly()
  @HttpCode(204)
  async end(@Param() { token }: SessionTokenParam): Promise<void> {
    if (!(await this.sessions.revoke(token))) throw new NotFoundException({ error: 'session_not_found', message: 'no such session' });
  }
}
