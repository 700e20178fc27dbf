import { AMOUNT_SCALE, type Money } from '@wallet-platform/money';
import {
  DISPLAY_NAME_LENGTH_MAX,
  GAME_ID_DIGITS_MAX,
  PLATFORM_ID_DIGITS_MAX,
  PLAYER_GROUP_LENGTH_MAX,
  USER_COUNTRY_LENGTH_MAX,
  USER_ID_LENGTH_MAX,
  USER_NAME_LENGTH_MAX,
} from './operator-api-limits';
import { OperatorCommandName, type PlatformIdText } from './operator-commands';
import { boundedErrorMessage, OP_ERRORS, type OpErrorCode } from './operator-error-codes';
import { responseHashFor, type OperatorResponseStatus } from './operator-hash';
import { isOperatorTimestamp } from './operator-timestamp';
import type { RequestJsonText } from './request-body-parser';
import { stringProblem, type StringBounds } from './request-field-readers';

export const TransactionStatus = { Ok: 'OK', Error: 'ERROR', Canceled: 'CANCELED' } as const;
export type TransactionStatus = (typeof TransactionStatus)[keyof typeof TransactionStatus];

/** The currency_code of balance answers is the balance's own currency: the two cannot disagree. */
export interface AuthenticateResponseData {
  readonly command: typeof OperatorCommandName.Authenticate;
  readonly userId: string;
  readonly userName: string;
  readonly userCountry: string;
  readonly displayName?: string | null;
  readonly group?: string | null;
  readonly balance: Money;
}
export interface BalanceResponseData {
  readonly command: typeof OperatorCommandName.Balance;
  readonly balance: Money;
}
export interface ChangeBalanceResponseData {
  readonly command: typeof OperatorCommandName.ChangeBalance;
  readonly balance: Money;
}
export interface StatusResponseData {
  readonly command: typeof OperatorCommandName.Status;
  readonly userId: string;
  readonly transactionId: PlatformIdText;
  readonly transactionStatus: TransactionStatus;
}
export interface CancelResponseData {
  readonly command: typeof OperatorCommandName.Cancel;
  readonly userId: string;
  readonly transactionId: PlatformIdText;
  readonly transactionStatus: typeof TransactionStatus.Canceled;
}
export interface FinishRoundResponseData {
  readonly command: typeof OperatorCommandName.FinishRound;
  readonly roundId: PlatformIdText;
  readonly userId: string;
  readonly gameId: PlatformIdText;
}
export type OkResponseData =
  | AuthenticateResponseData
  | BalanceResponseData
  | ChangeBalanceResponseData
  | StatusResponseData
  | CancelResponseData
  | FinishRoundResponseData;

export interface ErrorResponseData {
  readonly errorCode: OpErrorCode;
  readonly errorMessage: string;
  /** Extra debugging fields the vendor allows next to the code (shown in its API error log). */
  readonly extra?: Readonly<Record<string, string>>;
}

interface EncodeResponseCommon {
  /** The request exactly as `parseRequestBody` accepted it (or `UNREADABLE_REQUEST_ECHO`). */
  readonly rawRequestJson: RequestJsonText;
  /** `Y-m-d H:i:s` UTC, see `formatOperatorTimestamp`; hashed exactly as given. */
  readonly responseTimestamp: string;
  readonly secretKey: string;
}
export type EncodeResponseInput =
  | (EncodeResponseCommon & { readonly status: 'OK'; readonly data: OkResponseData })
  | (EncodeResponseCommon & { readonly status: 'ERROR'; readonly data: ErrorResponseData });

/**
 * Our own data breaking the protocol's rules (a negative balance, an id that is not digits, a
 * user name with "|") is a bug on our side: encoding refuses loudly rather than send it.
 */
export class OperatorResponseEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperatorResponseEncodingError';
  }
}

/** The body of the optional GET /ping endpoint. */
export const PING_RESPONSE_BODY = 'PONG';

/**
 * Builds the response body. The request is passed back by splicing in its received text, so it
 * is byte-for-byte what the platform sent (ids, decimals, key order, unknown fields included).
 */
export function encodeResponse(input: EncodeResponseInput): string {
  if (!isOperatorTimestamp(input.responseTimestamp)) {
    throw new OperatorResponseEncodingError(`response_timestamp ${JSON.stringify(input.responseTimestamp)} is not Y-m-d H:i:s`);
  }
  const status: OperatorResponseStatus = input.status;
  const data = input.status === 'OK' ? okDataMembers(input.data) : errorDataMembers(input.data);
  const response = jsonObject([
    ['status', jsonString(status)],
    ['response_timestamp', jsonString(input.responseTimestamp)],
    ['hash', jsonString(responseHashFor(status, input.responseTimestamp, input.secretKey))],
    ['data', jsonObject(data)],
  ]);
  return `{"request":${input.rawRequestJson},"response":${response}}`;
}

type Member = readonly [key: string, encodedValue: string];

function okDataMembers(data: OkResponseData): Member[] {
  switch (data.command) {
    case OperatorCommandName.Authenticate: {
      const members: Member[] = [
        ['user_id', boundedString('user_id', data.userId, USER_ID_BOUNDS)],
        ['user_name', boundedString('user_name', data.userName, { lengthMin: 1, lengthMax: USER_NAME_LENGTH_MAX })],
      ];
      if (data.displayName != null) {
        members.push(['display_name', boundedString('display_name', data.displayName, { lengthMin: 1, lengthMax: DISPLAY_NAME_LENGTH_MAX })]);
      }
      members.push(['user_country', boundedString('user_country', data.userCountry, { lengthMin: 1, lengthMax: USER_COUNTRY_LENGTH_MAX })]);
      if (data.group != null) {
        members.push(['group', boundedString('group', data.group, { lengthMin: 1, lengthMax: PLAYER_GROUP_LENGTH_MAX })]);
      }
      return [...members, ...balanceMembers(data.balance)];
    }
    case OperatorCommandName.Balance:
    case OperatorCommandName.ChangeBalance:
      return balanceMembers(data.balance);
    case OperatorCommandName.Status:
    case OperatorCommandName.Cancel:
      return [
        ['user_id', boundedString('user_id', data.userId, USER_ID_BOUNDS)],
        ['transaction_id', integerLiteral('transaction_id', data.transactionId, PLATFORM_ID_DIGITS_MAX)],
        ['transaction_status', jsonString(transactionStatusOf(data))],
      ];
    case OperatorCommandName.FinishRound:
      return [
        ['round_id', integerLiteral('round_id', data.roundId, PLATFORM_ID_DIGITS_MAX)],
        ['user_id', boundedString('user_id', data.userId, USER_ID_BOUNDS)],
        ['game_id', integerLiteral('game_id', data.gameId, GAME_ID_DIGITS_MAX)],
      ];
  }
}

const USER_ID_BOUNDS: StringBounds = { lengthMin: 1, lengthMax: USER_ID_LENGTH_MAX };

function transactionStatusOf(data: StatusResponseData | CancelResponseData): TransactionStatus {
  const allowed: readonly TransactionStatus[] = data.command === OperatorCommandName.Cancel ? [TransactionStatus.Canceled] : Object.values(TransactionStatus);
  if (!allowed.includes(data.transactionStatus)) {
    throw new OperatorResponseEncodingError(`transaction_status ${JSON.stringify(data.transactionStatus)} is not allowed for ${data.command}`);
  }
  return data.transactionStatus;
}

/** balance as a JSON number with exactly two decimals (420.76, 0.30), then its currency. */
function balanceMembers(balance: Money): Member[] {
  if (balance.scale !== AMOUNT_SCALE) {
    throw new OperatorResponseEncodingError(`balance must have scale ${AMOUNT_SCALE}, got ${balance.scale}`);
  }
  if (balance.isNegative()) {
    throw new OperatorResponseEncodingError(`balance must never be negative, got ${balance.toString()}`);
  }
  return [
    ['balance', balance.toDecimalString()],
    ['currency_code', jsonString(balance.currencyCode)],
  ];
}

function errorDataMembers(data: ErrorResponseData): Member[] {
  if (!Object.hasOwn(OP_ERRORS, data.errorCode)) {
    throw new OperatorResponseEncodingError(`unknown error code ${JSON.stringify(data.errorCode)}`);
  }
  const message = data.errorMessage === '' ? OP_ERRORS[data.errorCode].defaultMessage : data.errorMessage;
  const members: Member[] = [
    ['error_code', jsonString(data.errorCode)],
    ['error_message', jsonString(boundedErrorMessage(message))],
  ];
  for (const [key, value] of Object.entries(data.extra ?? {})) {
    if (key === 'error_code' || key === 'error_message') {
      throw new OperatorResponseEncodingError(`extra field ${key} would shadow the error itself`);
    }
    members.push([key, jsonString(boundedErrorMessage(value))]);
  }
  return members;
}

const CANONICAL_DIGITS_PATTERN = /^(0|[1-9][0-9]*)$/;

/** Ids go out as JSON number literals with their exact digits, as the vendor's examples show. */
function integerLiteral(field: string, digits: string, digitsMax: number): string {
  if (!CANONICAL_DIGITS_PATTERN.test(digits) || digits.length > digitsMax) {
    throw new OperatorResponseEncodingError(`${field} ${JSON.stringify(digits)} is not an id of at most ${digitsMax} digits`);
  }
  return digits;
}

function boundedString(field: string, value: string, bounds: StringBounds): string {
  const problem = stringProblem(value, bounds);
  if (problem !== null) {
    throw new OperatorResponseEncodingError(`${field}: ${problem}`);
  }
  return jsonString(value);
}

/** Our own strings only (never a platform body): JSON.stringify escapes them correctly. */
function jsonString(value: string): string {
  return JSON.stringify(value);
}

function jsonObject(members: readonly Member[]): string {
  return `{${members.map(([key, encodedValue]) => `${jsonString(key)}:${encodedValue}`).join(',')}}`;
}
