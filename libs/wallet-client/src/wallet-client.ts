import { Inject, Injectable } from '@nestjs/common';
import { playerPartitionKey, WalletErrorKind, type WalletCommands, type WalletCommandType, type WalletReply } from '@wallet-platform/contracts';
import { RequestRejectedError, RequestTimeoutError, type RequestReplyClient } from '@wallet-platform/messaging';
import { currentRequestContext } from '@wallet-platform/service-kit';

export const REQUEST_REPLY_CLIENT = Symbol('REQUEST_REPLY_CLIENT');
export const WALLET_REPLY_TIMEOUT_MS = Symbol('WALLET_REPLY_TIMEOUT_MS');

/**
 * The gateway's typed view of the wallet's command API. Every call is keyed by operator and player
 * (one player's commands stay in order) and has a deadline; no exception escapes for a timeout or
 * an overload, they come back as values that the protocol adapter maps to its codes.
 */
@Injectable()
export class WalletClient {
  constructor(
    @Inject(REQUEST_REPLY_CLIENT) private readonly client: RequestReplyClient,
    @Inject(WALLET_REPLY_TIMEOUT_MS) private readonly timeoutMs: number,
  ) {}

  async call<T extends WalletCommandType>(
    type: T,
    operatorId: string,
    userId: string,
    command: WalletCommands[T]['command'],
    /** This call's deadline when the caller has already spent part of its own (at most the configured one). */
    timeoutMs: number = this.timeoutMs,
  ): Promise<WalletReply<WalletCommands[T]['result']>> {
    const requestId = currentRequestContext()?.requestId ?? 'none';
    try {
      return await this.client.request<WalletReply<WalletCommands[T]['result']>>(
        type,
        playerPartitionKey(operatorId, userId),
        command,
        Math.min(timeoutMs, this.timeoutMs),
        requestId,
      );
    } catch (error) {
      if (error instanceof RequestTimeoutError) return { ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } };
      if (error instanceof RequestRejectedError) return { ok: false, error: { kind: WalletErrorKind.Internal, message: 'Internal error' } };
      throw error;
    }
  }
}
