import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';
import { AMOUNT_SCALE, Money, isCurrencyCode } from '@wallet-platform/money';
import { responseHashFor } from './operator-signing';

/**
 * An operator's answer as the platform reads it: parsed losslessly (a 20-digit id or a balance
 * never passes through a JS number), with the checks every platform makes on every response.
 */
export interface OperatorResponse {
  /** The request the operator passed back, parsed. */
  readonly request: unknown;
  readonly status: string;
  readonly responseTimestamp: string;
  readonly hash: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** `data.error_code` of an ERROR response, else null. */
  readonly errorCode: string | null;
}

export type ResponseParseResult = { readonly ok: true; readonly response: OperatorResponse } | { readonly ok: false; readonly problem: string };

export function parseOperatorResponse(bodyText: string): ResponseParseResult {
  let body: unknown;
  try {
    body = parse(bodyText);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(body)) return { ok: false, problem: 'body is not a JSON object' };
  const response = body['response'];
  if (!isRecord(response)) return { ok: false, problem: 'no "response" object' };
  const { status, response_timestamp: responseTimestamp, hash, data } = response;
  if (typeof status !== 'string' || typeof responseTimestamp !== 'string' || typeof hash !== 'string') {
    return { ok: false, problem: 'response.status, response_timestamp or hash is missing or not a string' };
  }
  if (!isRecord(data)) return { ok: false, problem: 'response.data is not an object' };
  const errorCode = status === 'ERROR' && typeof data['error_code'] === 'string' ? data['error_code'] : null;
  return { ok: true, response: { request: body['request'], status, responseTimestamp, hash, data, errorCode } };
}

export function isResponseHashValid(response: OperatorResponse, secretKey: string): boolean {
  return response.hash === responseHashFor(response.status, response.responseTimestamp, secretKey);
}

/**
 * A DECIMAL(18,2) field (balance) as exact Money. The protocol sends it as a JSON number; a
 * string, a float with more than two decimals or a missing field is a protocol fault.
 */
export function moneyField(data: Readonly<Record<string, unknown>>, field: string, currency: string): Money {
  const value = data[field];
  if (!isLosslessNumber(value)) throw new Error(`${field} is not a JSON number: ${describe(value)}`);
  if (!isCurrencyCode(currency)) throw new Error(`not a currency code: ${currency}`);
  const parsed = Money.parse(value.value, AMOUNT_SCALE, currency);
  if (!parsed.ok) throw new Error(`${field} ${value.value}: ${parsed.error.message}`);
  return parsed.value;
}

/** A field as text: strings as they are, JSON numbers as their exact literal. */
export function textField(data: Readonly<Record<string, unknown>>, field: string): string | null {
  const value = data[field];
  if (typeof value === 'string') return value;
  if (isLosslessNumber(value)) return value.value;
  return null;
}

/**
 * Whether the passed-back request carries exactly the values sent: same members, same strings,
 * same number literals digit for digit ("0.10" is not "0.1", a 20-digit id must not be rounded).
 * Member order and whitespace are not compared: the protocol asks for the request, not its bytes.
 */
export function isRequestEchoedExactly(sentBody: string, echoed: unknown): boolean {
  return jsonValuesIdentical(parse(sentBody), echoed);
}

export function jsonValuesIdentical(left: unknown, right: unknown): boolean {
  if (isLosslessNumber(left) || isLosslessNumber(right)) {
    return isLosslessNumber(left) && isLosslessNumber(right) && (left as LosslessNumber).value === (right as LosslessNumber).value;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every((item, index) => jsonValuesIdentical(item, right[index]));
  }
  if (isRecord(left) && isRecord(right)) {
    const leftKeys = Object.keys(left).sort();
    const rightKeys = Object.keys(right).sort();
    return leftKeys.length === rightKeys.length && leftKeys.every((key, index) => key === rightKeys[index] && jsonValuesIdentical(left[key], right[key]));
  }
  return left === right;
}

export function describe(value: unknown): string {
  if (isLosslessNumber(value)) return value.value;
  if (value === undefined) return 'missing';
  return JSON.stringify(value) ?? String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}
