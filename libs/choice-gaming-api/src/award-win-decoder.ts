import { isLosslessNumber } from 'lossless-json';
import { AMOUNT_SCALE, isCurrencyCode, Money } from '@wallet-platform/money';
import { choiceGamingCodeForFieldProblem, choiceGamingError, ChoiceGamingCode, FieldProblemKind, type ChoiceGamingErrorAnswer } from './choice-gaming-codes';
import { isRequestHashValid } from './choice-gaming-hash';
import {
  AWARD_ID_PATTERN,
  EXTERNAL_REFERENCE_ID_LENGTH_MAX,
  GAME_ID_DIGITS_MAX,
  GAME_ID_PATTERN,
  PLAYER_ID_LENGTH_MAX,
  TOKEN_LENGTH_MAX,
  TOKEN_LENGTH_MIN,
  TOKEN_PATTERN,
  TRANSACTION_ID_LENGTH_MAX,
} from './choice-gaming-limits';
import { parseRequestBody, type JsonObject } from './request-body-parser';

/**
 * `POST /tournamentWin` (v1.1, 2.5) and `POST /promoWin` (2.6): a prize the provider pays into the
 * player's balance outside a game round. The two share every field; /promoWin adds the
 * externalReferenceId (unique per transaction; one of our free-round grants when it answers one).
 * The session check (a known token of this player, even expired) is the wallet's, not the codec's:
 * here a token only has to have the shape of ours.
 */
export interface AwardWinRequest {
  readonly externalToken: string;
  readonly playerId: string;
  /** As its digits, whether sent as "123" or 123. */
  readonly gameId: string;
  /** The provider's id of this award, unique per platform. */
  readonly transactionId: string;
  /** A positive DECIMAL(18,2) read from the JSON number's literal text (`10` is 10.00). */
  readonly amount: Money;
}

export type TournamentWinRequest = AwardWinRequest;
export interface PromoWinRequest extends AwardWinRequest {
  readonly externalReferenceId: string;
}

export type DecodedAwardWin<T> = { readonly ok: true; readonly request: T } | { readonly ok: false; readonly rejection: ChoiceGamingErrorAnswer };

/** Signature first (code 8 before a byte is parsed), then the body; unknown extra fields are ignored. */
export function decodeTournamentWin(rawBody: Buffer, hashHeader: string | undefined, privateKey: string): DecodedAwardWin<TournamentWinRequest> {
  const body = signedBody(rawBody, hashHeader, privateKey);
  return body.ok ? awardFields(body.value) : body;
}

export function decodePromoWin(rawBody: Buffer, hashHeader: string | undefined, privateKey: string): DecodedAwardWin<PromoWinRequest> {
  const body = signedBody(rawBody, hashHeader, privateKey);
  if (!body.ok) return body;
  const award = awardFields(body.value);
  if (!award.ok) return award;
  const reference = ownField(body.value, 'externalReferenceId');
  if (typeof reference !== 'string' || reference.length === 0 || reference.length > EXTERNAL_REFERENCE_ID_LENGTH_MAX || !AWARD_ID_PATTERN.test(reference)) {
    return fieldProblem(FieldProblemKind.Other, `externalReferenceId: must be 1-${EXTERNAL_REFERENCE_ID_LENGTH_MAX} characters of [A-Za-z0-9_.:-]`);
  }
  return { ok: true, request: { ...award.request, externalReferenceId: reference } };
}

function signedBody(rawBody: Buffer, hashHeader: string | undefined, privateKey: string): { ok: true; value: JsonObject } | { ok: false; rejection: ChoiceGamingErrorAnswer } {
  if (!isRequestHashValid(hashHeader, privateKey, rawBody)) return { ok: false, rejection: choiceGamingError(ChoiceGamingCode.InvalidHash) };
  const parsed = parseRequestBody(rawBody);
  if (!parsed.ok) return { ok: false, rejection: choiceGamingError(ChoiceGamingCode.InvalidRequest, parsed.message) };
  return parsed;
}

function awardFields(body: JsonObject): DecodedAwardWin<AwardWinRequest> {
  const token = ownField(body, 'externalToken');
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
    return fieldProblem(FieldProblemKind.Token, `externalToken: must be ${TOKEN_LENGTH_MIN}-${TOKEN_LENGTH_MAX} characters of [A-Za-z0-9]`);
  }
  const playerId = ownField(body, 'playerId');
  if (typeof playerId !== 'string' || playerId.length === 0 || playerId.length > PLAYER_ID_LENGTH_MAX) {
    return fieldProblem(FieldProblemKind.Other, `playerId: must be a string of 1-${PLAYER_ID_LENGTH_MAX} characters`);
  }
  const gameId = textOf(ownField(body, 'gameId'));
  if (gameId === undefined || !GAME_ID_PATTERN.test(gameId)) return fieldProblem(FieldProblemKind.Other, `gameId: must be 1-${GAME_ID_DIGITS_MAX} digits`);
  const transactionId = textOf(ownField(body, 'transactionId'));
  if (transactionId === undefined || transactionId.length === 0 || transactionId.length > TRANSACTION_ID_LENGTH_MAX || !AWARD_ID_PATTERN.test(transactionId)) {
    return fieldProblem(FieldProblemKind.Other, `transactionId: must be 1-${TRANSACTION_ID_LENGTH_MAX} characters of [A-Za-z0-9_.:-]`);
  }
  const currency = ownField(body, 'currency');
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return fieldProblem(FieldProblemKind.Other, 'currency: must be 3-4 uppercase letters or digits');
  // A JSON number, read by its literal text: `10` and `10.5` are exact, `10.555` is refused, never rounded.
  const amountField = ownField(body, 'amount');
  if (!isLosslessNumber(amountField)) return fieldProblem(FieldProblemKind.Other, 'amount: must be a JSON number');
  const amount = Money.parse(amountField.value, AMOUNT_SCALE, currency);
  if (!amount.ok) return fieldProblem(FieldProblemKind.Other, `amount: ${amount.error.message}`);
  if (!amount.value.isPositive()) return fieldProblem(FieldProblemKind.Other, 'amount: must be positive');
  return { ok: true, request: { externalToken: token, playerId, gameId, transactionId, amount: amount.value } };
}

/** A string as sent, or an integer literal's text (the document shows ids as strings; numbers are served too). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value) && /^[0-9]+$/.test(value.value)) return value.value;
  return undefined;
}

function ownField(body: JsonObject, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

function fieldProblem<T>(kind: FieldProblemKind, detail: string): DecodedAwardWin<T> {
  return { ok: false, rejection: choiceGamingError(choiceGamingCodeForFieldProblem(kind), detail) };
}
