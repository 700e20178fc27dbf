import { Inject, Injectable, Optional } from '@nestjs/common';
import { AwardKind, WalletCommandType, type AwardWinCommand } from '@wallet-platform/contracts';
import {
  choiceGamingError,
  choiceGamingErrorForAwardError,
  choiceGamingErrorForWalletError,
  ChoiceGamingCode,
  decodeGenerateNewToken,
  decodePromoWin,
  decodeTournamentWin,
  encodeAwardOkResponse,
  encodeErrorResponse,
  encodeOkResponse,
  REQUEST_BODY_BYTES_MAX,
  type AwardWinRequest,
} from '@wallet-platform/choice-gaming-api';
import { JsonLogger, LogRateLimiter } from '@wallet-platform/service-kit';
import type { ChoiceGamingPlatformDirectory } from '../gateway.config';
import { WalletClient } from '@wallet-platform/wallet-client';
import type { UnreadBody } from '../http/bounded-raw-body';
import { PromotionsClient } from './promotions-client';

export const CHOICE_GAMING_PLATFORM_DIRECTORY = Symbol('CHOICE_GAMING_PLATFORM_DIRECTORY');

/** Every answer is HTTP 200 with the vendor's envelope; the code inside says what happened. */
export interface ChoiceGamingAnswer {
  readonly httpStatus: 200;
  readonly body: string;
}

/**
 * The Choice Gaming wallet edge: finds the platform's key, checks the `Hash` header, decodes the
 * request, asks the wallet, and answers in the envelope. It knows the protocol (through
 * libs/choice-gaming-api) and the wallet's command API, and nothing of HTTP frameworks or Kafka.
 */
@Injectable()
export class ChoiceGamingService {
  constructor(
    @Inject(CHOICE_GAMING_PLATFORM_DIRECTORY) private readonly platforms: ChoiceGamingPlatformDirectory,
    private readonly wallet: WalletClient,
    @Inject(PromotionsClient) private readonly promotions: Pick<PromotionsClient, 'awardWin'>,
    @Optional() @Inject(JsonLogger) private readonly logger: Pick<JsonLogger, 'event'> | null = null,
  ) {}

  /** One line per platform and source a minute for bodies refused unread: a client can send them at will. */
  private readonly unreadBodyLog = new LogRateLimiter();

  /**
   * A body the gateway did not read (over REQUEST_BODY_BYTES_MAX, or bytes it could not take): the
   * envelope with 9 for an unknown platform, else 102 (the same bytes will never pass, so a retry
   * does not help). Nothing is hashed or decoded, nothing reaches the wallet. Logged at warn once a
   * minute per platform and source, with the count of refusals the line stands for.
   */
  refuseUnreadBody(platformId: string, unread: UnreadBody, source: string | undefined): ChoiceGamingAnswer {
    const credentials = this.platforms.get(platformId);
    const logged = this.unreadBodyLog.admit(`${credentials?.platformId ?? '-'}\u0000${source ?? '-'}`);
    if (logged) {
      this.logger?.event('warn', 'ChoiceGamingEdge', `refused: body ${unread}`, {
        platformId: credentials?.platformId ?? null,
        refusal: unread,
        source: source ?? 'unknown',
        similarSinceLastLine: logged.suppressed,
      });
    }
    if (!credentials) return answer(encodeErrorResponse(choiceGamingError(ChoiceGamingCode.InvalidPlatform)));
    return answer(encodeErrorResponse(choiceGamingError(ChoiceGamingCode.InvalidRequest, unread === 'too-large' ? `body over ${REQUEST_BODY_BYTES_MAX} bytes` : 'body could not be read')));
  }

  async generateNewToken(platformId: string, hashHeader: string | undefined, rawBody: Buffer): Promise<ChoiceGamingAnswer> {
    const credentials = this.platforms.get(platformId);
    if (!credentials) return answer(encodeErrorResponse(choiceGamingError(ChoiceGamingCode.InvalidPlatform)));
    const decoded = decodeGenerateNewToken(rawBody, hashHeader, credentials.privateKey.reveal());
    if (!decoded.ok) return answer(encodeErrorResponse(decoded.rejection));

    const { token, newGameId } = decoded.request;
    const caller = { platformId: credentials.platformId, operatorId: credentials.operatorId };
    // No user id in the request: the token is the only key, so the partition key is the token's
    // (as for the Operator API's authenticate). A retry lands in the same partition, in order.
    const reply = await this.wallet.call(WalletCommandType.RegenerateSession, credentials.operatorId, `token:${token}`, { caller, token, newGameId });
    if (!reply.ok) return answer(encodeErrorResponse(choiceGamingErrorForWalletError(reply.error)));
    return answer(encodeOkResponse({ token: reply.result.token, newGameId: reply.result.gameId, playerId: reply.result.userId }));
  }

  /** /tournamentWin (v1.1, 2.5): recorded and paid exactly once by the promotions service. */
  async tournamentWin(platformId: string, hashHeader: string | undefined, rawBody: Buffer): Promise<ChoiceGamingAnswer> {
    const credentials = this.platforms.get(platformId);
    if (!credentials) return answer(encodeErrorResponse(choiceGamingError(ChoiceGamingCode.InvalidPlatform)));
    const decoded = decodeTournamentWin(rawBody, hashHeader, credentials.privateKey.reveal());
    if (!decoded.ok) return answer(encodeErrorResponse(decoded.rejection));
    return this.awardWin(awardCommand(credentials, AwardKind.TournamentWin, decoded.request, null));
  }

  /** /promoWin (v1.1, 2.6): as /tournamentWin, with an externalReferenceId unique per transaction. */
  async promoWin(platformId: string, hashHeader: string | undefined, rawBody: Buffer): Promise<ChoiceGamingAnswer> {
    const credentials = this.platforms.get(platformId);
    if (!credentials) return answer(encodeErrorResponse(choiceGamingError(ChoiceGamingCode.InvalidPlatform)));
    const decoded = decodePromoWin(rawBody, hashHeader, credentials.privateKey.reveal());
    if (!decoded.ok) return answer(encodeErrorResponse(decoded.rejection));
    return this.awardWin(awardCommand(credentials, AwardKind.PromoWin, decoded.request, decoded.request.externalReferenceId));
  }

  private async awardWin(command: AwardWinCommand): Promise<ChoiceGamingAnswer> {
    const reply = await this.promotions.awardWin(command);
    if (!reply.ok) return answer(encodeErrorResponse(choiceGamingErrorForAwardError(reply.error)));
    return answer(encodeAwardOkResponse(reply.result));
  }
}

function awardCommand(
  credentials: { platformId: string; operatorId: string },
  kind: AwardKind,
  request: AwardWinRequest,
  externalReferenceId: string | null,
): AwardWinCommand {
  return {
    caller: { platformId: credentials.platformId, operatorId: credentials.operatorId },
    kind,
    token: request.externalToken,
    userId: request.playerId,
    gameId: request.gameId,
    transactionId: request.transactionId,
    externalReferenceId,
    amount: request.amount.toDecimalString(),
    currency: request.amount.currencyCode,
  };
}

function answer(body: string): ChoiceGamingAnswer {
  return { httpStatus: 200, body };
}
