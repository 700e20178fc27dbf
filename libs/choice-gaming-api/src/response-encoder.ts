import { GAME_ID_PATTERN, TOKEN_PATTERN } from './choice-gaming-limits';
import { ChoiceGamingCode, CHOICE_GAMING_MESSAGES, type ChoiceGamingErrorAnswer } from './choice-gaming-codes';

/**
 * Our answer to /generateNewToken. The vendor documents no response body for it; we answer the
 * new token, the game it is for (as sent) and the player it belongs to, so the provider can check
 * the switch without another call.
 */
export interface GenerateNewTokenResponseData {
  readonly token: string;
  readonly newGameId: string;
  readonly playerId: string;
}

/**
 * The vendor's service-API envelope, `{"code":0,"message":"ok","data":{...}}`, with `data: null` on
 * an error. Every value we put in it is a string or a small integer, so JSON.stringify writes it
 * exactly; the key order is fixed by construction.
 */
export function encodeOkResponse(data: GenerateNewTokenResponseData): string {
  assertResponseData(data);
  return JSON.stringify({
    code: ChoiceGamingCode.Ok,
    message: CHOICE_GAMING_MESSAGES[ChoiceGamingCode.Ok],
    data: { token: data.token, newGameId: data.newGameId, playerId: data.playerId },
  });
}

/** Our answer to /tournamentWin and /promoWin: the balance right after this prize, its currency, our reference. */
export interface AwardWinResponseData {
  /** DECIMAL(18,2) literal, written as a JSON number of exactly these digits (`110.00`). */
  readonly balance: string;
  readonly currency: string;
  readonly awardId: string;
}

const BALANCE_PATTERN = /^-?[0-9]{1,18}\.[0-9]{2}$/;
const AWARD_REFERENCE_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;
const CURRENCY_PATTERN = /^[A-Z0-9]{3,4}$/;

/**
 * The balance is a JSON number like the request's `amount`, written from its decimal literal (never
 * through a binary float), so `0.30` stays `0.30`; the other values are plain strings.
 */
export function encodeAwardOkResponse(data: AwardWinResponseData): string {
  if (!BALANCE_PATTERN.test(data.balance)) throw new Error('response balance is not a DECIMAL(18,2) literal');
  if (!CURRENCY_PATTERN.test(data.currency)) throw new Error('response currency is not 3-4 of [A-Z0-9]');
  if (!AWARD_REFERENCE_PATTERN.test(data.awardId)) throw new Error('response awardId is not 1-100 of [A-Za-z0-9_.:-]');
  const message = JSON.stringify(CHOICE_GAMING_MESSAGES[ChoiceGamingCode.Ok]);
  return `{"code":${ChoiceGamingCode.Ok},"message":${message},"data":{"balance":${data.balance},"currency":${JSON.stringify(data.currency)},"awardId":${JSON.stringify(data.awardId)}}}`;
}

export function encodeErrorResponse(answer: ChoiceGamingErrorAnswer): string {
  return JSON.stringify({ code: answer.code, message: answer.message, data: null });
}

/** What we issue must be what we accept: a malformed token in an answer is our bug, and throws. */
function assertResponseData(data: GenerateNewTokenResponseData): void {
  if (!TOKEN_PATTERN.test(data.token)) throw new Error('response token is not 20-50 of [A-Za-z0-9]');
  if (!GAME_ID_PATTERN.test(data.newGameId)) throw new Error('response newGameId is not 1-6 digits');
  if (data.playerId === '') throw new Error('response playerId is empty');
}
