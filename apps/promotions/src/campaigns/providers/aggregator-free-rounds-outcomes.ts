import {
  AggregatorArgumentError,
  AggregatorBadResponseError,
  AggregatorErrorCode,
  AggregatorRefusedError,
  AggregatorUnavailableError,
  AggregatorUsernameTakenError,
  type AggregatorFreeRoundDetails,
} from '@wallet-platform/aggregator-client';
import type { ProviderGrantOutcome, ProviderRevokeOutcome } from '../domain/free-rounds-provider.port';

/**
 * The one place the aggregator client's typed errors become the campaign model's outcomes.
 *
 * Our own codes (the aggregator's are its error.code text, kept as it came):
 * - INVALID_REQUEST: the client refused the request before sending (a currency the aggregator is
 *   not configured for, rounds or bet outside its bounds): nothing was sent, final.
 * - USERNAME_TAKEN: the player's derived username belongs to someone else at the aggregator.
 * - UNKNOWN_PLAYER: the wallet does not know the player (no wallet player id to derive a name from).
 * - NO_FREE_GAME_ID: a grant found by getFreeRound (its create answer lost) without the
 *   aggregator's freeGameId, which cancelFreeRound needs: revoke it at the aggregator.
 */
export const AggregatorGrantCode = {
  InvalidRequest: 'INVALID_REQUEST',
  UsernameTaken: 'USERNAME_TAKEN',
  UnknownPlayer: 'UNKNOWN_PLAYER',
  NoFreeGameId: 'NO_FREE_GAME_ID',
} as const;

/**
 * A failed ensurePlayer or freeRound call. A refusal (`ok: false`, any code) is definite: the
 * aggregator did nothing, so the grant is rejected with its code. No usable answer (timeout, HTTP
 * status, an answer we cannot read) may hide a grant made: unknown, resolved later by getFreeRound.
 */
export function grantOutcomeOfError(error: unknown): ProviderGrantOutcome {
  if (error instanceof AggregatorRefusedError) return { kind: 'rejected', providerCode: error.codeText, message: error.message };
  if (error instanceof AggregatorUsernameTakenError) return { kind: 'rejected', providerCode: AggregatorGrantCode.UsernameTaken, message: error.message };
  if (error instanceof AggregatorArgumentError) return { kind: 'rejected', providerCode: AggregatorGrantCode.InvalidRequest, message: error.message };
  if (error instanceof AggregatorUnavailableError || error instanceof AggregatorBadResponseError) return { kind: 'unknown', reason: error.message };
  throw error;
}

/** What getFreeRound proves of one grant (its bonusCode) for a player and game. */
export type GrantPresence =
  | { readonly kind: 'present'; readonly provider: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'inconclusive'; readonly reason: string };

/**
 * A failed getFreeRound. PLAYER_NOT_FOUND proves the grant absent (no player, no grant); any
 * other refusal or no answer proves nothing.
 */
export function presenceOfError(error: unknown): GrantPresence {
  if (error instanceof AggregatorRefusedError && error.code === AggregatorErrorCode.PlayerNotFound) return { kind: 'absent' };
  if (error instanceof AggregatorRefusedError || error instanceof AggregatorUnavailableError || error instanceof AggregatorBadResponseError) return { kind: 'inconclusive', reason: error.message };
  throw error;
}

/**
 * A failed cancelFreeRound. PLAYER_NOT_FOUND: no such player, so nothing of it left to cancel.
 * Other refusals are kept granted with the code (the document names no "already canceled" code;
 * canceling twice answers ok). No answer: unknown, canceling the campaign again asks again.
 */
export function revokeOutcomeOfError(error: unknown): ProviderRevokeOutcome {
  if (error instanceof AggregatorRefusedError) {
    return error.code === AggregatorErrorCode.PlayerNotFound ? { kind: 'revoked' } : { kind: 'refused', providerCode: error.codeText, message: error.message };
  }
  if (error instanceof AggregatorArgumentError) return { kind: 'refused', providerCode: AggregatorGrantCode.InvalidRequest, message: error.message };
  if (error instanceof AggregatorUnavailableError || error instanceof AggregatorBadResponseError) return { kind: 'unknown', reason: error.message };
  throw error;
}

type ProviderResult = AggregatorFreeRoundDetails['byProvider'][number]['result'];

/**
 * Looks for our bonusCode in getFreeRound's answer, kept per provider as it came. Only the shapes
 * we can match by bonusCode prove anything: `pp` (an array of objects with `bonusCode`). A null or
 * empty result is nothing there. Any other non-empty result (`pg` lists its free games without our
 * bonusCode) cannot show the grant absent, so the answer is inconclusive and the grant stays
 * unknown: never created a second time on a guess.
 */
export function presenceIn(details: AggregatorFreeRoundDetails, bonusCode: string): GrantPresence {
  let inconclusive: string | null = null;
  for (const { provider, result } of details.byProvider) {
    if (isEmpty(result)) continue;
    if (provider === 'pp' && Array.isArray(result)) {
      if (result.some((entry) => isObject(entry) && entry['bonusCode'] === bonusCode)) return { kind: 'present', provider };
      continue;
    }
    inconclusive ??= `${provider}Result cannot be matched by bonusCode`;
  }
  return inconclusive === null ? { kind: 'absent' } : { kind: 'inconclusive', reason: inconclusive };
}

function isEmpty(result: ProviderResult): boolean {
  if (result === null) return true;
  if (Array.isArray(result)) return result.length === 0;
  if (isObject(result)) {
    const inner = result['result'];
    return Object.keys(result).every((key) => ['result', 'totalCount', 'totalPage'].includes(key)) && (inner === null || inner === undefined || (Array.isArray(inner) && inner.length === 0));
  }
  return false;
}

function isObject(value: ProviderResult | undefined): value is { readonly [key: string]: ProviderResult } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('isLosslessNumber' in value);
}
