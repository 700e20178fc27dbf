import { createHash } from 'node:crypto';
import type { Money } from '@wallet-platform/money';
import { PhpFloat, phpJsonEncode, phpJsonString, type PhpJsonObject } from './php-json';
import {
  BET_AMOUNT_MINOR_MAX,
  CURRENCY_LENGTH,
  EXTERNAL_REFERENCE_ID_LENGTH_MAX,
  FREE_ROUNDS_COUNT_MAX,
  GAME_ID_LENGTH_MAX,
  PLAYER_ID_LENGTH_MAX,
  PLAYER_LISTS_JSON_LENGTH_MAX,
  REQUEST_BODY_BYTES_MAX,
} from './service-api-limits';
import { serviceApiTime } from './service-api-time';

/**
 * The two grant actions of the service API. `freeRounds` names the bet as `amount` and the game in
 * a one-element `gameIds` list; `freeRoundsByBet` names it `betAmount` and the game as `gameId`.
 */
export const FreeRoundsAction = { FreeRounds: 'freeRounds', FreeRoundsByBet: 'freeRoundsByBet' } as const;
export type FreeRoundsAction = (typeof FreeRoundsAction)[keyof typeof FreeRoundsAction];

export interface FreeRoundsPlayer {
  readonly playerId: string;
  /** Ours, deterministic, unique per platform: the same grant on every retry. */
  readonly externalReferenceId: string;
}

/** One request's worth of grants: one player (the v1.0 form) or many (the v1.1 arrays). */
export interface FreeRoundsGrant {
  readonly action: FreeRoundsAction;
  readonly players: readonly FreeRoundsPlayer[];
  readonly validUntil: Date;
  readonly roundsCount: number;
  /** The bet of one round, DECIMAL(18,2), in the campaign currency (3 letters for this provider). */
  readonly bet: Money;
  readonly gameId: string;
}

export class FreeRoundsRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FreeRoundsRequestError';
  }
}

/** Where the request goes and who we are there. */
export interface ServiceApiIdentity {
  readonly platform: bigint;
  readonly partnerId: bigint;
}

export interface EncodedServiceApiRequest {
  /** The body, UTF-8 (every character is ASCII after PHP's escaping). */
  readonly body: string;
  /** `data` exactly as signed and sent. */
  readonly dataJson: string;
  readonly time: string;
}

/**
 * `data` in the vendor's field order, in PHP's json_encode form (php-json.ts), checked against
 * every bound first. One player goes in the single form (`playerId`, `externalReferenceId`), more
 * in the list form (`playerIds`, `externalReferenceIds`), as the v1.1 document shows both.
 */
export function freeRoundsDataJson(grant: FreeRoundsGrant): string {
  assertGrant(grant);
  const players: PhpJsonObject =
    grant.players.length === 1
      ? { playerId: grant.players[0].playerId, externalReferenceId: grant.players[0].externalReferenceId }
      : { playerIds: grant.players.map((p) => p.playerId), externalReferenceIds: grant.players.map((p) => p.externalReferenceId) };
  const common = { freeRoundValidity: serviceApiTime(grant.validUntil), numberOfFreeRounds: grant.roundsCount };
  const bet = PhpFloat.fromDecimal(grant.bet.toDecimalString());
  switch (grant.action) {
    case FreeRoundsAction.FreeRounds:
      return phpJsonEncode({ ...players, ...common, amount: bet, currency: grant.bet.currencyCode, gameIds: [grant.gameId] });
    case FreeRoundsAction.FreeRoundsByBet:
      return phpJsonEncode({ ...players, ...common, betAmount: bet, currency: grant.bet.currencyCode, gameId: grant.gameId });
    default:
      return unreachable(grant.action);
  }
}

/**
 * `hash = sha256(privateKey . time . json_encode(data))`, hex, as the vendor's PHP computes it.
 * `dataJson` must be what json_encode makes of the data the provider decodes: freeRoundsDataJson
 * writes exactly that, and the body carries those same bytes.
 */
export function serviceApiHash(privateKey: string, time: string, dataJson: string): string {
  return createHash('sha256').update(privateKey, 'utf8').update(time, 'utf8').update(dataJson, 'utf8').digest('hex');
}

/** The whole body, signed now: a retry calls this again and gets a fresh `time` and `hash`. */
export function encodeServiceApiRequest(grant: FreeRoundsGrant, identity: ServiceApiIdentity, privateKey: string, now: Date): EncodedServiceApiRequest {
  const dataJson = freeRoundsDataJson(grant);
  const time = serviceApiTime(now);
  const hash = serviceApiHash(privateKey, time, dataJson);
  const head = phpJsonEncode({ action: grant.action, platform: identity.platform, partnerId: identity.partnerId, time });
  // Spliced rather than re-encoded, so the body holds byte for byte the data that was signed.
  const body = `${head.slice(0, -1)},"data":${dataJson},"hash":${phpJsonString(hash)}}`;
  if (Buffer.byteLength(body, 'utf8') > REQUEST_BODY_BYTES_MAX) throw new FreeRoundsRequestError(`request body over ${REQUEST_BODY_BYTES_MAX} bytes`);
  return { body, dataJson, time };
}

/** The length the 20,000-character rule counts for these players (see PLAYER_LISTS_JSON_LENGTH_MAX). */
export function playerListsJsonLength(players: readonly FreeRoundsPlayer[]): number {
  if (players.length === 0) return 4;
  let length = 4 + 2 * (players.length - 1);
  for (const player of players) length += playerListsShare(player);
  return length;
}

/** One player's characters in the two lists: both quoted, escaped ids (commas counted by the caller). */
export function playerListsShare(player: FreeRoundsPlayer): number {
  return phpJsonString(player.playerId).length + phpJsonString(player.externalReferenceId).length;
}

const GAME_ID_PATTERN = new RegExp(`^[A-Za-z0-9_-]{1,${GAME_ID_LENGTH_MAX}}$`);

function assertGrant(grant: FreeRoundsGrant): void {
  const fail = (problem: string): never => {
    throw new FreeRoundsRequestError(problem);
  };
  if (grant.players.length === 0) fail('no players');
  const playerIds = new Set<string>();
  const references = new Set<string>();
  for (const { playerId, externalReferenceId } of grant.players) {
    if (playerId.length === 0 || playerId.length > PLAYER_ID_LENGTH_MAX) fail(`playerId must be 1-${PLAYER_ID_LENGTH_MAX} characters`);
    if (externalReferenceId.length === 0 || externalReferenceId.length > EXTERNAL_REFERENCE_ID_LENGTH_MAX) {
      fail(`externalReferenceId must be 1-${EXTERNAL_REFERENCE_ID_LENGTH_MAX} characters`);
    }
    if (playerIds.has(playerId)) fail(`playerId ${playerId} appears twice`);
    if (references.has(externalReferenceId)) fail(`externalReferenceId ${externalReferenceId} appears twice`);
    playerIds.add(playerId);
    references.add(externalReferenceId);
  }
  if (playerListsJsonLength(grant.players) > PLAYER_LISTS_JSON_LENGTH_MAX) fail(`player lists over ${PLAYER_LISTS_JSON_LENGTH_MAX} characters`);
  if (!Number.isSafeInteger(grant.roundsCount) || grant.roundsCount < 1 || grant.roundsCount > FREE_ROUNDS_COUNT_MAX) {
    fail(`numberOfFreeRounds must be 1-${FREE_ROUNDS_COUNT_MAX}`);
  }
  if (grant.bet.scale !== 2 || !grant.bet.isPositive() || grant.bet.amountMinor > BET_AMOUNT_MINOR_MAX) fail('bet must be positive, 2 decimals, below 10^12');
  if (grant.bet.currencyCode.length !== CURRENCY_LENGTH) fail(`currency must be ${CURRENCY_LENGTH} characters for this provider`);
  if (!GAME_ID_PATTERN.test(grant.gameId)) fail(`gameId must be 1-${GAME_ID_LENGTH_MAX} of [A-Za-z0-9_-]`);
  if (!Number.isFinite(grant.validUntil.getTime())) fail('freeRoundValidity is not a date');
}

function unreachable(value: never): never {
  throw new Error(`unhandled free-rounds action ${String(value)}`);
}
