import { Inject, Injectable } from '@nestjs/common';
import { Money, AMOUNT_SCALE, currencyCodeOf } from '@wallet-platform/money';
import { GameTransactionStatus, WalletCommandType, WalletErrorKind, type WalletCommands, type WalletError, type WalletReply } from '@wallet-platform/contracts';
import {
  ACCESS_DENIED,
  decodeOperatorRequest,
  EDGE_REFUSALS,
  EdgeRefusalKind,
  parseOperatorTimestamp,
  encodeResponse,
  formatOperatorTimestamp,
  isAuthorizationHeaderValid,
  isOperatorCommandName,
  operatorErrorForWalletError,
  type OperatorCommand,
  type OperatorCommandName,
  OpErrorCode,
  type OkResponseData,
  type RequestJsonText,
  TransactionType,
  UNREADABLE_REQUEST_ECHO,
  requestEchoOfUnreadBody,
} from '@wallet-platform/operator-api';
import { LogRateLimiter, type JsonLogger } from '@wallet-platform/service-kit';
import type { AdmissionControl, ShedReason } from '../admission/admission-control';
import type { UnreadBody } from '../http/bounded-raw-body';
import type { OperatorApiPlatform, OperatorCredentials, PlatformDirectory } from '../gateway.config';
import { WalletClient } from '@wallet-platform/wallet-client';
import { countEdgeRefusal } from './operator-api.metrics';
import { isSourceAllowed, singleCreditMaxFor, sourceAddressOf, type OperatorPlatformSettings } from './operator-platform-settings';

export const PLATFORM_DIRECTORY = Symbol('PLATFORM_DIRECTORY');
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
/** The gateway's clock, a provider so that tests can put a request outside the freshness window. */
export const GATEWAY_CLOCK = Symbol('GATEWAY_CLOCK');
export const ADMISSION_CONTROL = Symbol('ADMISSION_CONTROL');
/** The time one request may take from arrival to answer (WALLET_REPLY_TIMEOUT_MS). */
export const REQUEST_DEADLINE_MS = Symbol('REQUEST_DEADLINE_MS');

/**
 * Ours. The least time a wallet call is started with: a Kafka round trip and one batch take about
 * this long even on an idle wallet (docs/benchmarks.md), so with less the answer could only be OP_47.
 */
export const WALLET_CALL_TIME_MIN_MS = 100;

/** When a request must be answered by (performance.now() time), and what admission cost it. */
interface RequestBudget {
  readonly deadlineAt: number;
}
export type GatewayClock = () => Date;

/** What the HTTP layer hands over: the framework's request reduced to what the protocol needs. */
export interface OperatorApiCall {
  readonly platformId: string;
  readonly pathCommand: string;
  readonly operatorIdHeader: string | undefined;
  readonly authorizationHeader: string | undefined;
  /** The TCP peer's address (the socket's, never a header). */
  readonly peerAddress: string | undefined;
  readonly forwardedForHeader: string | undefined;
  readonly rawBody: Buffer;
}

/** What the HTTP layer sends back: 403 without a body, or 200 with a signed protocol body and its status (for metrics). */
export type OperatorApiAnswer = { readonly httpStatus: 403 } | { readonly httpStatus: 200; readonly body: string; readonly result: 'OK' | OpErrorCode };

const FORBIDDEN: OperatorApiAnswer = { httpStatus: 403 };

/**
 * The Operator API v2.49 edge: authenticates the platform (X-Operator-Id + X-Authorization), checks
 * the body hash, decodes the command, asks the wallet, and signs the answer. It knows the protocol
 * and the wallet's command API, and nothing of HTTP frameworks or Kafka.
 */
@Injectable()
export class OperatorApiService {
  constructor(
    @Inject(PLATFORM_DIRECTORY) private readonly platforms: PlatformDirectory,
    private readonly wallet: WalletClient,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
    @Inject(GATEWAY_CLOCK) private readonly now: GatewayClock,
    @Inject(ADMISSION_CONTROL) private readonly admission: AdmissionControl,
    @Inject(REQUEST_DEADLINE_MS) private readonly deadlineMs: number,
  ) {}

  /** One line a minute per platform and refused source address. */
  private readonly refusedSourceLog = new LogRateLimiter();

  /** One line a minute per platform while it is shedding: shedding can be thousands a second. */
  private readonly shedLog = new LogRateLimiter();

  /** One line per platform and source a minute for bodies refused unread: a client can send them at will. */
  private readonly unreadBodyLog = new LogRateLimiter();

  /**
   * A body the gateway did not read (over REQUEST_BODY_BYTES_MAX, or undecodable bytes): the same
   * checks as any request up to X-Authorization, then a signed answer with `{}` passed back as the
   * request. Cheap: no body, no hash, no wallet.
   */
  refuseUnreadBody(call: OperatorApiCall, unread: UnreadBody): OperatorApiAnswer {
    const kind = unread === 'too-large' ? EdgeRefusalKind.BodyTooLarge : EdgeRefusalKind.BodyUnreadable;
    const platform = this.platforms.get(call.platformId);
    const source = sourceAddressOf(call.peerAddress, call.forwardedForHeader, platform?.settings.trustedProxies ?? null);
    const logged = this.unreadBodyLog.admit(`${platform?.platformId ?? '-'}\u0000${source ?? '-'}`);
    if (logged) {
      this.logger.event('warn', 'OperatorApiEdge', `refused: ${kind}`, {
        platformId: platform?.platformId ?? null,
        refusal: kind,
        source: source ?? 'unreadable',
        command: call.pathCommand.slice(0, 20),
        similarSinceLastLine: logged.suppressed,
      });
    }
    if (!platform || !isSourceAllowed(platform.settings, source)) return FORBIDDEN;
    countEdgeRefusal(platform.platformId, kind);
    const credentials = this.credentialsFor(platform, call.operatorIdHeader);
    if (!credentials || !isOperatorCommandName(call.pathCommand)) return FORBIDDEN;
    if (!isAuthorizationHeaderValid(call.authorizationHeader, call.pathCommand, credentials.secretKey.reveal())) return FORBIDDEN;
    const answer = EDGE_REFUSALS[kind].answer(call.pathCommand);
    if (answer === ACCESS_DENIED) return FORBIDDEN;
    return this.error(credentials, UNREADABLE_REQUEST_ECHO, answer, EDGE_REFUSALS[kind].message);
  }

  async handle(call: OperatorApiCall): Promise<OperatorApiAnswer> {
    const arrivedAt = performance.now();
    const { platformId, pathCommand, authorizationHeader, rawBody } = call;
    const platform = this.platforms.get(platformId);
    if (!platform) return FORBIDDEN;
    // Before anything else: an address outside the list learns nothing, not even if its signature is right.
    const source = sourceAddressOf(call.peerAddress, call.forwardedForHeader, platform.settings.trustedProxies);
    if (!isSourceAllowed(platform.settings, source)) {
      // Anyone can send these, as fast as they like: counted each time, logged once a minute per source.
      const logged = this.refusedSourceLog.admit(`${platform.platformId}\u0000${source ?? '-'}`);
      if (logged) this.refusedAtEdge(EdgeRefusalKind.SourceNotAllowed, platform, { source: source ?? 'unreadable', similarSinceLastLine: logged.suppressed });
      else countEdgeRefusal(platform.platformId, EdgeRefusalKind.SourceNotAllowed);
      return FORBIDDEN;
    }
    const credentials = this.credentialsFor(platform, call.operatorIdHeader);
    if (!credentials || !isOperatorCommandName(pathCommand)) return FORBIDDEN;
    // X-Authorization proves the caller knows the secret of this operator id; without it, 403.
    if (!isAuthorizationHeaderValid(authorizationHeader, pathCommand, credentials.secretKey.reveal())) return FORBIDDEN;

    // Shed before decoding: under overload most requests are shed, and decoding each was an eighth
    // of the gateway's CPU. The answer passes the body back as received (requestEchoOfUnreadBody).
    const shedReason = this.admission.shedReasonNow();
    const echo = shedReason ? requestEchoOfUnreadBody(rawBody) : null;
    if (shedReason && echo) return this.shed(platform, credentials, echo, this.admission.shed(shedReason).reason);

    const decoded = decodeOperatorRequest(rawBody, { secretKey: credentials.secretKey.reveal() });
    if (!decoded.ok) {
      const { requestJson, errorCode, errorMessage } = decoded.rejection;
      return this.error(credentials, requestJson, errorCode, errorMessage);
    }
    const { request } = decoded;
    if (request.command.name !== pathCommand) {
      return this.error(credentials, request.requestJson, OpErrorCode.InternalError, `command: body says ${request.command.name}, path says ${pathCommand}`);
    }
    // Everything above is cheap and bounded; from here on the request holds wallet capacity.
    const admission = await this.admission.admit();
    if (!admission.admitted) return this.shed(platform, credentials, request.requestJson, admission.reason);
    try {
      const budget: RequestBudget = { deadlineAt: arrivedAt + this.deadlineMs };
      const refusal = await this.refusalOfUnseenTransaction(budget, platform, credentials, request.requestTimestamp, request.command);
      if (refusal) return this.error(credentials, request.requestJson, refusal.errorCode, refusal.errorMessage);
      return await this.execute(budget, credentials, request.requestJson, request.command);
    } catch (error) {
      if (error instanceof ShedBeforeWallet) return this.shed(platform, credentials, request.requestJson, 'deadline');
      throw error;
    } finally {
      admission.release();
    }
  }

  /** A signed OP_50 for work shed before the wallet saw it: never produced, so never applied. */
  private shed(platform: OperatorApiPlatform, credentials: OperatorCredentials, requestJson: RequestJsonText, reason: ShedReason | 'deadline'): OperatorApiAnswer {
    countEdgeRefusal(platform.platformId, EdgeRefusalKind.Overloaded);
    const logged = this.shedLog.admit(platform.platformId);
    if (logged) {
      this.logger.event('warn', 'OperatorApiEdge', `refused: ${EdgeRefusalKind.Overloaded}`, {
        platformId: platform.platformId,
        refusal: EdgeRefusalKind.Overloaded,
        reason,
        inFlight: this.admission.inFlightCount,
        queued: this.admission.queuedCount,
        similarSinceLastLine: logged.suppressed,
      });
    }
    const refusal = EDGE_REFUSALS[EdgeRefusalKind.Overloaded];
    const code = refusal.answer('changebalance');
    if (code === ACCESS_DENIED) throw new Error('an overload refusal must answer in protocol');
    return this.error(credentials, requestJson, code, refusal.message);
  }

  /**
   * A wallet call with what is left of the request's deadline. Less than WALLET_CALL_TIME_MIN_MS
   * left: the wallet could not answer in time, so the call is not made at all (ShedBeforeWallet)
   * rather than produced to be answered OP_47 and, perhaps, applied after the platform gave up.
   */
  private async callWallet<T extends WalletCommandType>(
    budget: RequestBudget,
    type: T,
    operatorId: string,
    partitionUserId: string,
    command: WalletCommands[T]['command'],
  ): Promise<WalletReply<WalletCommands[T]['result']>> {
    const remainingMs = Math.floor(budget.deadlineAt - performance.now());
    if (remainingMs < WALLET_CALL_TIME_MIN_MS) throw new ShedBeforeWallet();
    return this.wallet.call(type, operatorId, partitionUserId, command, remainingMs);
  }

  /**
   * The checks around the weak signature (docs/security.md): a money-moving request signed outside
   * the freshness window, or a credit above the platform's maximum, is refused, but only for a
   * transaction the wallet has not seen. A known transaction is passed on, so that the wallet
   * answers a retry from its stored outcome (or OP_40 when it differs), whatever its age. Nothing
   * is recorded for a refusal: a re-signed, fresh retry is applied normally.
   */
  private async refusalOfUnseenTransaction(
    budget: RequestBudget,
    platform: OperatorApiPlatform,
    credentials: OperatorCredentials,
    requestTimestamp: string,
    command: OperatorCommand,
  ): Promise<{ errorCode: OpErrorCode; errorMessage: string } | null> {
    if (command.name !== 'changebalance' && command.name !== 'cancel') return null;
    const kind = !this.isFresh(platform.settings, requestTimestamp)
      ? EdgeRefusalKind.StaleRequest
      : command.name === 'changebalance' && command.transactionType !== TransactionType.Bet && command.amount.compare(singleCreditMaxFor(platform.settings, command.amount)) > 0
        ? EdgeRefusalKind.CreditAboveMaximum
        : null;
    if (kind === null) return null;

    const caller = { platformId: credentials.platformId, operatorId: credentials.operatorId };
    const status = await this.callWallet(budget, WalletCommandType.TransactionStatus, credentials.operatorId, command.userId, {
      caller,
      userId: command.userId,
      transactionId: command.transactionId,
    });
    // A changebalance retry of any known transaction, or a cancel already applied: the wallet answers from what it stored.
    if (status.ok && (command.name === 'changebalance' || status.result.status === GameTransactionStatus.Canceled)) return null;
    if (!status.ok && status.error.kind !== WalletErrorKind.TransactionNotFound && status.error.kind !== WalletErrorKind.PlayerNotFound) {
      // We could not tell whether the transaction is known: nothing was applied, the platform may retry.
      return { errorCode: OpErrorCode.InternalError, errorMessage: 'Internal error: could not check the transaction, nothing was applied' };
    }
    this.refusedAtEdge(kind, platform, {
      operatorId: credentials.operatorId,
      command: command.name,
      transactionId: command.transactionId,
      requestTimestamp,
      ...(command.name === 'changebalance' ? { transactionType: command.transactionType, amount: command.amount.toDecimalString(), currency: command.currencyCode } : {}),
    });
    const answer = EDGE_REFUSALS[kind].answer(command.name);
    if (answer === ACCESS_DENIED) throw new Error(`edge refusal ${kind} cannot answer a decoded request with 403`);
    return { errorCode: answer, errorMessage: EDGE_REFUSALS[kind].message };
  }

  private isFresh(settings: OperatorPlatformSettings, requestTimestamp: string): boolean {
    const signedAt = parseOperatorTimestamp(requestTimestamp);
    if (signedAt === null) return false;
    return Math.abs(this.now().getTime() - signedAt.getTime()) <= settings.requestFreshnessSeconds * 1_000;
  }

  private refusedAtEdge(kind: EdgeRefusalKind, platform: OperatorApiPlatform, fields: Record<string, unknown>): void {
    countEdgeRefusal(platform.platformId, kind);
    this.logger.event('warn', 'OperatorApiEdge', `refused: ${kind}`, { platformId: platform.platformId, refusal: kind, ...fields });
  }

  /** One case per command: translate to the wallet's command, and its answer back to the protocol. */
  private async execute(budget: RequestBudget, credentials: OperatorCredentials, requestJson: RequestJsonText, command: OperatorCommand): Promise<OperatorApiAnswer> {
    const caller = { platformId: credentials.platformId, operatorId: credentials.operatorId };
    const respond = <T>(reply: WalletReply<T>, toData: (result: T) => OkResponseData): OperatorApiAnswer =>
      reply.ok ? this.ok(credentials, requestJson, toData(reply.result)) : this.walletError(credentials, requestJson, reply.error, command.name);

    switch (command.name) {
      case 'authenticate': {
        // No user id yet: the token is the only key, so the partition key is the token's.
        const reply = await this.callWallet(budget, WalletCommandType.Authenticate, credentials.operatorId, `token:${command.token}`, { caller, token: command.token });
        return respond(reply, (result) => ({
          command: 'authenticate',
          userId: result.userId,
          userName: result.userName,
          userCountry: result.country,
          displayName: result.displayName,
          group: result.group,
          balance: balanceOf(result.balance, result.currency),
        }));
      }
      case 'balance': {
        const reply = await this.callWallet(budget, WalletCommandType.Balance, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          token: command.token,
          currency: command.currencyCode,
        });
        return respond(reply, (result) => ({ command: 'balance', balance: balanceOf(result.balance, result.currency) }));
      }
      case 'changebalance': {
        const reply = await this.callWallet(budget, WalletCommandType.ChangeBalance, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          token: command.token,
          type: command.transactionType,
          transactionId: command.transactionId,
          roundId: command.roundId,
          roundFinished: command.roundFinished,
          gameId: command.gameId,
          currency: command.currencyCode,
          amount: command.amount.toDecimalString(),
          transactionTimestamp: command.transactionTimestamp,
          rake: command.context.rake ? command.context.rake.toDecimalString() : null,
          reason: command.context.reason,
          historyId: command.context.historyId,
          campaignCode: command.context.campaignCode,
          ticketId: command.context.ticketId,
        });
        return respond(reply, (result) => ({ command: 'changebalance', balance: balanceOf(result.balance, result.currency) }));
      }
      case 'status': {
        const reply = await this.callWallet(budget, WalletCommandType.TransactionStatus, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          transactionId: command.transactionId,
        });
        return respond(reply, (result) => ({ command: 'status', userId: result.userId, transactionId: result.transactionId, transactionStatus: result.status }));
      }
      case 'cancel': {
        const reply = await this.callWallet(budget, WalletCommandType.CancelTransaction, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          transactionId: command.transactionId,
          roundId: command.roundId,
          roundFinished: command.roundFinished,
          gameId: command.gameId,
        });
        return respond(reply, (result) => ({ command: 'cancel', userId: result.userId, transactionId: result.transactionId, transactionStatus: result.status }));
      }
      case 'finishround': {
        const reply = await this.callWallet(budget, WalletCommandType.FinishRound, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          roundId: command.roundId,
          gameId: command.gameId,
        });
        return respond(reply, (result) => ({ command: 'finishround', roundId: result.roundId, userId: result.userId, gameId: result.gameId }));
      }
    }
  }

  private credentialsFor(platform: OperatorApiPlatform, operatorId: string | undefined): OperatorCredentials | undefined {
    if (operatorId === undefined) return undefined;
    return platform.operators.get(operatorId);
  }

  private ok(credentials: OperatorCredentials, requestJson: RequestJsonText, data: OkResponseData): OperatorApiAnswer {
    const body = encodeResponse({ rawRequestJson: requestJson, status: 'OK', data, responseTimestamp: formatOperatorTimestamp(new Date()), secretKey: credentials.secretKey.reveal() });
    return { httpStatus: 200, body, result: 'OK' };
  }

  private walletError(credentials: OperatorCredentials, requestJson: RequestJsonText, error: WalletError, command: OperatorCommandName): OperatorApiAnswer {
    const answer = operatorErrorForWalletError(error, command);
    return this.error(credentials, requestJson, answer.errorCode, answer.errorMessage);
  }

  private error(credentials: OperatorCredentials, requestJson: RequestJsonText, errorCode: OpErrorCode, errorMessage: string): OperatorApiAnswer {
    const body = encodeResponse({
      rawRequestJson: requestJson,
      status: 'ERROR',
      data: { errorCode, errorMessage },
      responseTimestamp: formatOperatorTimestamp(new Date()),
      secretKey: credentials.secretKey.reveal(),
    });
    return { httpStatus: 200, body, result: errorCode };
  }
}

/** The wallet's decimal balance as protocol money; a malformed one is our bug and throws. */
function balanceOf(balance: string, currency: string): Money {
  return Money.parseOrThrow(balance, AMOUNT_SCALE, currencyCodeOf(currency));
}

/** The request's deadline left too little time for the wallet: nothing was produced. */
class ShedBeforeWallet extends Error {
  constructor() {
    super('too little of the deadline left for the wallet');
    this.name = 'ShedBeforeWallet';
  }
}
