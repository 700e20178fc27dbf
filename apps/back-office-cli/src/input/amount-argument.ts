import { LocalValidationError } from './input-errors';

/**
 * Amounts as the back-office API accepts them, checked before sending so an operator's typo never
 * reaches a money endpoint. The grammar is the API's (docs/back-office-openapi.json: "decimal
 * string, at most 2 decimals"; 16 integer digits because amounts are DECIMAL(18,2)), and the string
 * is sent exactly as typed: the CLI never parses an amount into a number, so nothing is rounded.
 *
 * One rule is stricter than the API's request validation, on purpose: no leading zeros ("007.50").
 * The wallet's validation lets them through but its money parser (libs/money, the JSON number
 * grammar) refuses them, and the cashier answers 500 — which reads as "outcome unknown, retry",
 * and every retry fails the same way. Refusing them here gives the operator the real reason.
 */
export const AMOUNT_INTEGER_DIGITS_MAX = 16;
export const AMOUNT_DECIMALS_MAX = 2;

const INTEGER_PART = `(0|[1-9]\\d{0,${AMOUNT_INTEGER_DIGITS_MAX - 1}})`;
const FRACTION_PART = `(\\.\\d{1,${AMOUNT_DECIMALS_MAX}})?`;
const UNSIGNED_DECIMAL = new RegExp(`^${INTEGER_PART}${FRACTION_PART}$`);
const SIGNED_DECIMAL = new RegExp(`^-?${INTEGER_PART}${FRACTION_PART}$`);
const ZERO = /^-?0+(\.0+)?$/;
/** Longest text echoed back in a message (the rest is cut, so a pasted blob stays readable). */
const ECHO_LENGTH_MAX = 40;

const GRAMMAR = `digits with an optional "." and 1-${AMOUNT_DECIMALS_MAX} decimals, at most ${AMOUNT_INTEGER_DIGITS_MAX} integer digits, no leading zeros`;

/** Deposits and withdrawals: "100.00", "5", "0.01"; not "0.00", "-5", "1.005", "1e2", "1,50". */
export function positiveAmount(field: string, text: string): string {
  if (!UNSIGNED_DECIMAL.test(text) || ZERO.test(text)) {
    throw refused(field, `${field} must be a positive decimal (${GRAMMAR}), e.g. 100.00; got ${echo(text)}`);
  }
  return text;
}

/** Adjustments: what the balance changes by, "-5.00" or "12.50"; never zero. */
export function signedNonZeroAmount(field: string, text: string): string {
  if (!SIGNED_DECIMAL.test(text) || ZERO.test(text)) {
    throw refused(field, `${field} must be a non-zero signed decimal (${GRAMMAR}, "-" for a debit), e.g. -5.00; got ${echo(text)}`);
  }
  return text;
}

/** Limits: a non-negative decimal, or "none" to remove the limit (sent as null). */
export function limitAmount(field: string, text: string): string | null {
  if (text === 'none') return null;
  if (!UNSIGNED_DECIMAL.test(text)) {
    throw refused(field, `${field} must be a non-negative decimal (${GRAMMAR}), e.g. 50.00, or "none" to remove the limit; got ${echo(text)}`);
  }
  return text;
}

/** The API's idempotency key grammar: unique per operator, reused only to retry the same request. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,100}$/;

export function idempotencyKey(field: string, text: string): string {
  if (!IDEMPOTENCY_KEY_PATTERN.test(text)) throw refused(field, `${field} must be 8-100 characters of [A-Za-z0-9._:-]; got ${echo(text)}`);
  return text;
}

function refused(field: string, problem: string): LocalValidationError {
  return new LocalValidationError([{ field, problems: [problem] }]);
}

function echo(text: string): string {
  return JSON.stringify(text.length > ECHO_LENGTH_MAX ? `${text.slice(0, ECHO_LENGTH_MAX)}…` : text);
}
