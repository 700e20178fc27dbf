import { JSON_NULL, jsonBoolean, jsonNumber, jsonObject, jsonString, type JsonFragment } from './json-text';
import { operatorDate, operatorTimestamp } from './operator-signing';

/**
 * The `data` of each Operator API v2.49 command, built the way a platform sends it: ids and
 * amounts as JSON numbers, every documented field present.
 */
export const TransactionType = { Bet: 'BET', Win: 'WIN', Refund: 'REFUND' } as const;
export type TransactionType = (typeof TransactionType)[keyof typeof TransactionType];

export function authenticateData(token: string): JsonFragment {
  return jsonObject([['token', jsonString(token)]]);
}

export function balanceData(request: { token: string; userId: string; currency: string }): JsonFragment {
  return jsonObject([
    ['token', jsonString(request.token)],
    ['user_id', jsonString(request.userId)],
    ['currency_code', jsonString(request.currency)],
  ]);
}

export interface ChangeBalanceRequest {
  readonly type: TransactionType;
  /** null is allowed for WIN and REFUND (the session may have ended). */
  readonly token: string | null;
  readonly userId: string;
  readonly transactionId: string;
  readonly roundId: string;
  readonly roundFinished: boolean | null;
  readonly gameId: string;
  readonly currency: string;
  /** DECIMAL(18,2) literal, e.g. "0.10". */
  readonly amount: string;
  readonly moment: Date;
}

export function changeBalanceData(request: ChangeBalanceRequest): JsonFragment {
  return jsonObject([
    ['transaction_type', jsonString(request.type)],
    ['amount', jsonNumber(request.amount)],
    ['currency_code', jsonString(request.currency)],
    ['transaction_id', jsonNumber(request.transactionId)],
    ['transaction_timestamp', jsonString(operatorTimestamp(request.moment))],
    ['round_id', jsonNumber(request.roundId)],
    ['round_finished', request.roundFinished === null ? JSON_NULL : jsonBoolean(request.roundFinished)],
    ['game_id', jsonNumber(request.gameId)],
    ['user_id', jsonString(request.userId)],
    ['token', request.token === null ? JSON_NULL : jsonString(request.token)],
    ['context', jsonObject([['reason', jsonString('not_provided')]])],
  ]);
}

export interface TransactionReference {
  readonly userId: string;
  readonly transactionId: string;
  readonly type: TransactionType;
  readonly roundId: string;
  /** When the platform created the transaction. */
  readonly moment: Date;
}

export function statusData(reference: TransactionReference): JsonFragment {
  return jsonObject([
    ['user_id', jsonString(reference.userId)],
    ['transaction_id', jsonNumber(reference.transactionId)],
    ['transaction_type', jsonString(reference.type)],
    ['transaction_date', jsonString(operatorDate(reference.moment))],
    ['transaction_ts', jsonString(String(reference.moment.getTime()))],
    ['round_id', jsonNumber(reference.roundId)],
  ]);
}

export function cancelData(request: { userId: string; transactionId: string; roundId: string; roundFinished: boolean | null; gameId: string }): JsonFragment {
  return jsonObject([
    ['user_id', jsonString(request.userId)],
    ['transaction_id', jsonNumber(request.transactionId)],
    ['round_id', jsonNumber(request.roundId)],
    ['round_finished', request.roundFinished === null ? JSON_NULL : jsonBoolean(request.roundFinished)],
    ['game_id', jsonNumber(request.gameId)],
  ]);
}

export function finishRoundData(request: { userId: string; roundId: string; gameId: string; moment: Date }): JsonFragment {
  return jsonObject([
    ['round_id', jsonNumber(request.roundId)],
    ['user_id', jsonString(request.userId)],
    ['game_id', jsonNumber(request.gameId)],
    ['round_date', jsonString(operatorDate(request.moment))],
    ['round_ts', jsonString(String(request.moment.getTime()))],
  ]);
}
