import { Inject, Injectable } from '@nestjs/common';
import { playerPartitionKey, WalletErrorKind, type WalletCommands, type WalletCommandType, type WalletReply } from '@wallet-platform/contracts';
import { RequestRejectedError, RequestTimeoutError, type RequestReplyClient } from '@wallet-platform/messaging';
import { counter, currentRequestContext, histogram } from '@wallet-platform/service-kit';

export const REQUEST_REPLY_CLIENT = Symbol('REQUEST_REPLY_CLIENT');

const walletCalls = counter<'command' | 'outcome'>({
  name: 'wallet_client_requests_total',
  help: 'Calls to the wallet over Kafka, by command and outcome: answered (the reply came, whatever it said), timeout (no reply in time: unknown outcome), rejected (never sent: reply path down or too many waiting).',
  labelNames: ['command', 'outcome'],
});
const walletCallDuration = histogram<'command'>({
  name: 'wallet_client_request_duration_seconds',
  help: 'The Kafka round trip of a wallet call, from send to reply (or to its deadline), by command.',
  labelNames: ['command'],
});
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
    const stopTimer = walletCallDuration.startTimer({ command: type });
    try {
      const reply = await this.client.request<WalletReply<WalletCommands[T]['result']>>(
        type,
        playerPartitionKey(operatorId, userId),
        command,
        Math.min(timeoutMs, this.timeoutMs),
        requestId,
      );
      walletCalls.inc({ command: type, outcome: 'answered' });
      return reply;
    } catch (error) {
      if (error instanceof RequestTimeoutError) {
        walletCalls.inc({ command: type, outcome: 'timeout' });
        return { ok: false, error: { kind: WalletErrorKind.Timeout, message: 'Timeout' } };
      }
      if (error instanceof RequestRejectedError) {
        walletCalls.inc({ command: type, outcome: 'rejected' });
        return { ok: false, error: { kind: WalletErrorKind.Internal, message: 'Internal error' } };
      }
      throw error;
    } finally {
      stopTimer();
    }
  }
}
