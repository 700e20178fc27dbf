import { AMOUNT_SCALE, RAKE_SCALE } from '@wallet-platform/money';
import {
  CONTEXT_CAMPAIGN_CODE_LENGTH_MAX,
  CONTEXT_HISTORY_ID_LENGTH_MAX,
  CONTEXT_REASON_LENGTH_MAX,
  GAME_ID_DIGITS_MAX,
  PLATFORM_ID_DIGITS_MAX,
} from './operator-api-limits';
import {
  OperatorCommandName,
  TRANSACTION_TYPES,
  TransactionType,
  type AuthenticateCommand,
  type BalanceCommand,
  type CancelCommand,
  type ChangeBalanceCommand,
  type FinishRoundCommand,
  type OperatorCommand,
  type StatusCommand,
} from './operator-commands';
import { FieldProblemKind } from './operator-error-codes';
import { isJsonObject, type JsonObject, type JsonValue } from './request-body-parser';
import {
  FieldProblemSignal,
  fieldOf,
  isAbsent,
  isExplicitNull,
  readBooleanOrNull,
  readCurrencyCode,
  readDate,
  readNonNegativeDecimal,
  readObject,
  readOneOf,
  readOptionalNonNegativeDecimal,
  readOptionalPlatformId,
  readOptionalString,
  readPlatformId,
  readString,
  readTimestamp,
  readToken,
  readUnixTimestampMs,
  readUserId,
  type FieldProblem,
} from './request-field-readers';

export type DecodedCommandData = { readonly ok: true; readonly command: OperatorCommand } | { readonly ok: false; readonly problem: FieldProblem };

const DATA_PATH = 'data';

/**
 * Turns a request's `data` into a typed command. Fields the vendor does not document are
 * ignored (platforms add fields; the body size limit bounds them). The first problem found is
 * reported; fields are read in the order written below, identity fields (token, user, currency)
 * before the rest, so that the most specific error code wins when several fields are wrong.
 */
export function decodeCommandData(name: OperatorCommandName, data: JsonValue | undefined): DecodedCommandData {
  if (data === undefined || !isJsonObject(data)) {
    return { ok: false, problem: { kind: FieldProblemKind.Other, field: DATA_PATH, problem: data === undefined ? 'missing' : 'must be an object' } };
  }
  try {
    return { ok: true, command: DECODERS[name](data) };
  } catch (signal) {
    if (signal instanceof FieldProblemSignal) {
      return { ok: false, problem: signal.fieldProblem };
    }
    throw signal;
  }
}

const DECODERS: { readonly [N in OperatorCommandName]: (data: JsonObject) => OperatorCommand & { readonly name: N } } = {
  authenticate: decodeAuthenticate,
  balance: decodeBalance,
  changebalance: decodeChangeBalance,
  status: decodeStatus,
  cancel: decodeCancel,
  finishround: decodeFinishRound,
};

function field(data: JsonObject, key: string) {
  return fieldOf(data, key, DATA_PATH);
}

function decodeAuthenticate(data: JsonObject): AuthenticateCommand {
  return { name: OperatorCommandName.Authenticate, token: readToken(field(data, 'token')) };
}

function decodeBalance(data: JsonObject): BalanceCommand {
  const token = readToken(field(data, 'token'));
  const userId = readUserId(field(data, 'user_id'));
  const currencyCode = readCurrencyCode(field(data, 'currency_code'));
  return { name: OperatorCommandName.Balance, token, userId, currencyCode };
}

function decodeChangeBalance(data: JsonObject): ChangeBalanceCommand {
  // The type comes first because it decides whether a null token is allowed.
  const transactionType = readOneOf(field(data, 'transaction_type'), TRANSACTION_TYPES);
  const tokenField = field(data, 'token');
  // A WIN or REFUND must be paid even after the session has expired, so it may come without a
  // token; a BET spends the player's money and always needs a live session.
  const token = transactionType !== TransactionType.Bet && isExplicitNull(tokenField) ? null : readToken(tokenField);
  const userId = readUserId(field(data, 'user_id'));
  const currencyCode = readCurrencyCode(field(data, 'currency_code'));
  const transactionId = readPlatformId(field(data, 'transaction_id'), PLATFORM_ID_DIGITS_MAX);
  const roundId = readPlatformId(field(data, 'round_id'), PLATFORM_ID_DIGITS_MAX);
  const roundFinished = readBooleanOrNull(field(data, 'round_finished'));
  const gameId = readPlatformId(field(data, 'game_id'), GAME_ID_DIGITS_MAX);
  const amount = readNonNegativeDecimal(field(data, 'amount'), AMOUNT_SCALE, currencyCode);
  const transactionTimestamp = readTimestamp(field(data, 'transaction_timestamp'));

  const contextRef = field(data, 'context');
  const context = readObject(contextRef);
  const inContext = (key: string) => fieldOf(context, key, contextRef.path);
  // Required, but may be empty: it is informational, and refusing a WIN over it would stop the
  // platform from ever paying it.
  const reason = readString(inContext('reason'), { lengthMin: 0, lengthMax: CONTEXT_REASON_LENGTH_MAX });
  const rake = readOptionalNonNegativeDecimal(inContext('rake'), RAKE_SCALE, currencyCode);
  const historyId = readOptionalString(inContext('history_id'), { lengthMin: 0, lengthMax: CONTEXT_HISTORY_ID_LENGTH_MAX });
  const campaignCode = readOptionalString(inContext('campaign_code'), { lengthMin: 0, lengthMax: CONTEXT_CAMPAIGN_CODE_LENGTH_MAX });
  const gameDetailsRef = inContext('game_details');
  const gameDetails = isAbsent(gameDetailsRef) ? null : readObject(gameDetailsRef);
  const ticketId = gameDetails === null ? null : readOptionalPlatformId(fieldOf(gameDetails, 'ticket_id', gameDetailsRef.path), PLATFORM_ID_DIGITS_MAX);

  return {
    name: OperatorCommandName.ChangeBalance,
    token,
    userId,
    transactionType,
    transactionId,
    roundId,
    roundFinished,
    gameId,
    currencyCode,
    amount,
    transactionTimestamp,
    context: { reason, rake, historyId, campaignCode, ticketId },
  };
}

function decodeStatus(data: JsonObject): StatusCommand {
  const userId = readUserId(field(data, 'user_id'));
  return {
    name: OperatorCommandName.Status,
    userId,
    transactionId: readPlatformId(field(data, 'transaction_id'), PLATFORM_ID_DIGITS_MAX),
    transactionType: readOneOf(field(data, 'transaction_type'), TRANSACTION_TYPES),
    transactionDate: readDate(field(data, 'transaction_date')),
    transactionTimestampMs: readUnixTimestampMs(field(data, 'transaction_ts')),
    roundId: readPlatformId(field(data, 'round_id'), PLATFORM_ID_DIGITS_MAX),
  };
}

function decodeCancel(data: JsonObject): CancelCommand {
  const userId = readUserId(field(data, 'user_id'));
  return {
    name: OperatorCommandName.Cancel,
    userId,
    transactionId: readPlatformId(field(data, 'transaction_id'), PLATFORM_ID_DIGITS_MAX),
    roundId: readPlatformId(field(data, 'round_id'), PLATFORM_ID_DIGITS_MAX),
    roundFinished: readBooleanOrNull(field(data, 'round_finished')),
    gameId: readPlatformId(field(data, 'game_id'), GAME_ID_DIGITS_MAX),
  };
}

function decodeFinishRound(data: JsonObject): FinishRoundCommand {
  const userId = readUserId(field(data, 'user_id'));
  return {
    name: OperatorCommandName.FinishRound,
    roundId: readPlatformId(field(data, 'round_id'), PLATFORM_ID_DIGITS_MAX),
    userId,
    gameId: readPlatformId(field(data, 'game_id'), GAME_ID_DIGITS_MAX),
    roundDate: readDate(field(data, 'round_date')),
    roundTimestampMs: readUnixTimestampMs(field(data, 'round_ts')),
  };
}
