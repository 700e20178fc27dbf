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

export function encodeErrorResponse(answer: ChoiceGamingErrorAnswer): string {
  return JSON.stringify({ code: answer.code, message: answer.message, data: null });
}

/** What we issue must be what we accept: a malformed token in an answer is our bug, and throws. */
function assertResponseData(data: GenerateNewTokenResponseData): void {
  if (!TOKEN_PATTERN.test(data.token)) throw new Error('response token is not 20-50 of [A-Za-z0-9]');
  if (!GAME_ID_PATTERN.test(data.newGameId)) throw new Error('response newGameId is not 1-6 digits');
  if (data.playerId === '') throw new Error('response playerId is empty');
}
