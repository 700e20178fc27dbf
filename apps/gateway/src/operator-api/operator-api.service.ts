import { Inject, Injectable } from '@nestjs/common';
import { Money, AMOUNT_SCALE, currencyCodeOf } from '@wallet-platform/money';
import { WalletCommandType, type WalletError, type WalletReply } from '@wallet-platform/contracts';
import {
  decodeOperatorRequest,
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
} from '@wallet-platform/operator-api';
import type { OperatorCredentials, PlatformDirectory } from '../gateway.config';
import { WalletClient } from '@wallet-platform/wallet-client';

export const PLATFORM_DIRECTORY = Symbol('PLATFORM_DIRECTORY');

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
  ) {}

  async handle(platformId: string, pathCommand: string, operatorIdHeader: string | undefined, authorizationHeader: string | undefined, rawBody: Buffer): Promise<OperatorApiAnswer> {
    const credentials = this.credentialsFor(platformId, operatorIdHeader);
    if (!credentials || !isOperatorCommandName(pathCommand)) return FORBIDDEN;
    // X-Authorization proves the caller knows the secret of this operator id; without it, 403.
    if (!isAuthorizationHeaderValid(authorizationHeader, pathCommand, credentials.secretKey)) return FORBIDDEN;

    const decoded = decodeOperatorRequest(rawBody, { secretKey: credentials.secretKey });
    if (!decoded.ok) {
      const { requestJson, errorCode, errorMessage } = decoded.rejection;
      return this.error(credentials, requestJson, errorCode, errorMessage);
    }
    const { request } = decoded;
    if (request.command.name !== pathCommand) {
      return this.error(credentials, request.requestJson, OpErrorCode.InternalError, `command: body says ${request.command.name}, path says ${pathCommand}`);
    }
    return this.execute(credentials, request.requestJson, request.command);
  }

  /** One case per command: translate to the wallet's command, and its answer back to the protocol. */
  private async execute(credentials: OperatorCredentials, requestJson: RequestJsonText, command: OperatorCommand): Promise<OperatorApiAnswer> {
    const caller = { platformId: credentials.platformId, operatorId: credentials.operatorId };
    const respond = <T>(reply: WalletReply<T>, toData: (result: T) => OkResponseData): OperatorApiAnswer =>
      reply.ok ? this.ok(credentials, requestJson, toData(reply.result)) : this.walletError(credentials, requestJson, reply.error, command.name);

    switch (command.name) {
      case 'authenticate': {
        // No user id yet: the token is the only key, so the partition key is the token's.
        const reply = await this.wallet.call(WalletCommandType.Authenticate, credentials.operatorId, `token:${command.token}`, { caller, token: command.token });
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
        const reply = await this.wallet.call(WalletCommandType.Balance, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          token: command.token,
          currency: command.currencyCode,
        });
        return respond(reply, (result) => ({ command: 'balance', balance: balanceOf(result.balance, result.currency) }));
      }
      case 'changebalance': {
        const reply = await this.wallet.call(WalletCommandType.ChangeBalance, credentials.operatorId, command.userId, {
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
        const reply = await this.wallet.call(WalletCommandType.TransactionStatus, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          transactionId: command.transactionId,
        });
        return respond(reply, (result) => ({ command: 'status', userId: result.userId, transactionId: result.transactionId, transactionStatus: result.status }));
      }
      case 'cancel': {
        const reply = await this.wallet.call(WalletCommandType.CancelTransaction, credentials.operatorId, command.userId, {
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
        const reply = await this.wallet.call(WalletCommandType.FinishRound, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          roundId: command.roundId,
          gameId: command.gameId,
        });
        return respond(reply, (result) => ({ command: 'finishround', roundId: result.roundId, userId: result.userId, gameId: result.gameId }));
      }
    }
  }

  private credentialsFor(platformId: string, operatorId: string | undefined): OperatorCredentials | undefined {
    if (operatorId === undefined) return undefined;
    return this.platforms.get(platformId)?.get(operatorId);
  }

  private ok(credentials: OperatorCredentials, requestJson: RequestJsonText, data: OkResponseData): OperatorApiAnswer {
    const body = encodeResponse({ rawRequestJson: requestJson, status: 'OK', data, responseTimestamp: formatOperatorTimestamp(new Date()), secretKey: credentials.secretKey });
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
      secretKey: credentials.secretKey,
    });
    return { httpStatus: 200, body, result: errorCode };
  }
}

/** The wallet's decimal balance as protocol money; a malformed one is our bug and throws. */
function balanceOf(balance: string, currency: string): Money {
  return Money.parseOrThrow(balance, AMOUNT_SCALE, currencyCodeOf(currency));
}
