import { BadGatewayException, BadRequestException, ConflictException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { AggregatorUsernameTakenError } from '@wallet-platform/aggregator-client';
import { aggregatorHttpErrorOf } from '../back-office/aggregator-history/aggregator-http-errors';
import { InsufficientFundsError, StaleWriterError } from '../ledger/ledger-posting';
import { PlayerBusyError } from '../players/player-lock';
import { UnknownAggregatorError } from '../transfers/transfer-aggregators';
import { TransferPlayerNotFoundError } from '../transfers/transfer-sender';
import { TransferInFlightError } from '../transfers/transfer-store';
import {
  AggregatorGameNotFoundError,
  AggregatorGameNotPlayableError,
  SessionCurrencyNotSupportedError,
  SessionEndedError,
  SessionKeyReusedError,
  SessionPlayerBlockedError,
} from './aggregator-session.service';
import { SessionLaunchInProgressError } from './aggregator-session.store';

/**
 * The one table from the aggregator sessions' errors to the back office's answers. The caller's
 * mistakes and what the player's state forbids are 4xx; what the aggregator does is the client's
 * table (aggregator-http-errors.ts): 502 `aggregator_unavailable`, `aggregator_refused`, ….
 */
export function sessionHttpErrorOf(error: unknown): unknown {
  if (error instanceof TransferPlayerNotFoundError) return new NotFoundException({ error: 'player_not_found', message: error.message });
  // A field of the body, as for transfers: 400.
  if (error instanceof UnknownAggregatorError) return new BadRequestException({ error: 'unknown_aggregator', message: error.message });
  if (error instanceof SessionPlayerBlockedError) return new ConflictException({ error: 'player_blocked', message: 'a blocked player cannot start a real-money session' });
  if (error instanceof SessionCurrencyNotSupportedError) return new ConflictException({ error: 'currency_not_supported', message: error.message });
  if (error instanceof AggregatorGameNotFoundError) return new NotFoundException({ error: 'aggregator_game_not_found', message: `${error.message}; sync the catalog first (POST /catalog/aggregators/sync)` });
  if (error instanceof AggregatorGameNotPlayableError) return new ConflictException({ error: 'aggregator_game_not_playable', message: error.message });
  if (error instanceof SessionKeyReusedError) return new ConflictException({ error: 'idempotency_key_reused', message: error.message });
  if (error instanceof SessionEndedError) {
    return new ConflictException({ error: 'session_ended', sessionId: error.session.id, endReason: error.session.endReason, message: `${error.message}; launch again with a new key` });
  }
  if (error instanceof SessionLaunchInProgressError) return new ConflictException({ error: 'launch_in_progress', message: `${error.message}; retry that launch with its own key` });
  if (error instanceof TransferInFlightError) return new ConflictException({ error: 'transfer_in_flight', message: `${error.message}; it is resolved first` });
  if (error instanceof InsufficientFundsError) return new ConflictException({ error: 'insufficient_funds', message: "the player's balance changed meanwhile; retry with the same idempotency key" });
  if (error instanceof AggregatorUsernameTakenError) return new ConflictException({ error: 'aggregator_username_taken', aggregatorId: error.aggregatorId, message: error.message });
  if (error instanceof PlayerBusyError || error instanceof StaleWriterError) {
    return new ServiceUnavailableException({ error: 'player_busy', message: 'the player is in the middle of another operation; retry with the same idempotency key' });
  }
  return aggregatorHttpErrorOf(error);
}

/** A transfer the aggregator definitely did not apply (refused, or never reached it): 502 naming it. */
export function voidedTransferError(error: 'deposit_voided' | 'withdraw_voided', sessionId: string, transfer: { readonly id: string; readonly outcomeNote: string | null }): BadGatewayException {
  return new BadGatewayException({
    error,
    sessionId,
    transferId: transfer.id,
    message:
      error === 'deposit_voided'
        ? `the aggregator did not take the deposit (${transfer.outcomeNote ?? 'no note'}); the money is back on the wallet and the session ended`
        : `the aggregator did not take the withdraw (${transfer.outcomeNote ?? 'no note'}); the session is still ending: the sweep, or the same request again, sends a new one`,
  });
}
