import { isLosslessNumber } from 'lossless-json';
import { choiceGamingCodeForFieldProblem, choiceGamingError, ChoiceGamingCode, FieldProblemKind, type ChoiceGamingErrorAnswer } from './choice-gaming-codes';
import { isRequestHashValid } from './choice-gaming-hash';
import { GAME_ID_DIGITS_MAX, GAME_ID_PATTERN, TOKEN_LENGTH_MAX, TOKEN_LENGTH_MIN, TOKEN_PATTERN } from './choice-gaming-limits';
import { parseRequestBody, type JsonObject } from './request-body-parser';

/** `POST /generateNewToken` (Integration API v1.1.0, 2.7): the player switches games from the lobby. */
export interface GenerateNewTokenRequest {
  /** The player's current session token. */
  readonly token: string;
  /** The game switched to, as its digits ("123"). */
  readonly newGameId: string;
}

export type DecodedGenerateNewToken =
  | { readonly ok: true; readonly request: GenerateNewTokenRequest }
  | { readonly ok: false; readonly rejection: ChoiceGamingErrorAnswer };

/**
 * Signature first, then the body: an unsigned request is refused (code 8) before a byte of it is
 * parsed, and only a signed body's problems are described back. Unknown extra fields are ignored:
 * the provider may send fields of its v1.0.0 base document that we do not know.
 */
export function decodeGenerateNewToken(rawBody: Buffer, hashHeader: string | undefined, privateKey: string): DecodedGenerateNewToken {
  if (!isRequestHashValid(hashHeader, privateKey, rawBody)) return reject(choiceGamingError(ChoiceGamingCode.InvalidHash));
  const parsed = parseRequestBody(rawBody);
  if (!parsed.ok) return reject(choiceGamingError(ChoiceGamingCode.InvalidRequest, parsed.message));
  const body = parsed.value;

  const token = ownField(body, 'token');
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
    return fieldProblem(FieldProblemKind.Token, `token: must be ${TOKEN_LENGTH_MIN}-${TOKEN_LENGTH_MAX} characters of [A-Za-z0-9]`);
  }
  // The document sends "123" (a string); a JSON integer is accepted too, by its literal text, so
  // a provider that sends numbers is served and `1e2` or `12.0` are still refused.
  const gameId = ownField(body, 'newGameId');
  const gameIdText = typeof gameId === 'string' ? gameId : isLosslessNumber(gameId) ? gameId.value : undefined;
  if (gameIdText === undefined || !GAME_ID_PATTERN.test(gameIdText)) {
    return fieldProblem(FieldProblemKind.Other, `newGameId: must be 1-${GAME_ID_DIGITS_MAX} digits`);
  }
  return { ok: true, request: { token, newGameId: gameIdText } };
}

/** Own properties only: nothing inherited can pass for a field. */
function ownField(body: JsonObject, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

function fieldProblem(kind: FieldProblemKind, detail: string): DecodedGenerateNewToken {
  return reject(choiceGamingError(choiceGamingCodeForFieldProblem(kind), detail));
}

function reject(rejection: ChoiceGamingErrorAnswer): DecodedGenerateNewToken {
  return { ok: false, rejection };
}
