import { Inject, Injectable } from '@nestjs/common';
import { Money, AMOUNT_SCALE, type CurrencyCode } from '@wallet-platform/money';
import { WalletCommandType, type WalletError } from '@wallet-platform/contracts';
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
import { WalletClient } from '../wallet-client/wallet-client';

export const PLATFORM_DIRECTORY = Symbol('PLATFORM_DIRECTORY');

/** What the HTTP layer sends back: 403 without a body, or 200 with a signed protocol body. */
export type OperatorApiAnswer = { readonly httpStatus: 403 } | { readonly httpStatus: 200; readonly body: string };

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

  private async execute(credentials: OperatorCredentials, requestJson: RequestJsonText, command: OperatorCommand): Promise<OperatorApiAnswer> {
    const caller = { platformId: credentials.platformId, operatorId: credentials.operatorId };
    switch (command.name) {
      case 'balance': {
        const reply = await this.wallet.call(WalletCommandType.Balance, credentials.operatorId, command.userId, {
          caller,
          userId: command.userId,
          token: command.token,
          currency: command.currencyCode,
        });
        if (!reply.ok) return this.walletError(credentials, requestJson, reply.error, command.name);
        return this.ok(credentials, requestJson, {
          command: 'balance',
          balance: Money.parseOrThrow(reply.result.balance, AMOUNT_SCALE, reply.result.currency as CurrencyCode),
        });
      }
      default:
        // Issue #3 brings the remaining commands; until then they fail safely, retryable.
        return this.error(credentials, requestJson, OpErrorCode.InternalError, `${command.name} is not available yet`);
    }
  }

  private credentialsFor(platformId: string, operatorId: string | undefined): OperatorCredentials | undefined {
    if (operatorId === undefined) return undefined;
    return this.platforms.get(platformId)?.get(operatorId);
  }

  private ok(credentials: OperatorCredentials, requestJson: RequestJsonText, data: OkResponseData): OperatorApiAnswer {
    const body = encodeResponse({ rawRequestJson: requestJson, status: 'OK', data, responseTimestamp: formatOperatorTimestamp(new Date()), secretKey: credentials.secretKey });
    return { httpStatus: 200, body };
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
    return { httpStatus: 200, body };
  }
}
