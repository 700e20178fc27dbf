import { isCurrencyCode, Money, type CurrencyCode, type MoneyScale } from '@wallet-platform/money';
import { isLosslessNumber } from 'lossless-json';
import { FieldProblemKind } from './operator-error-codes';
import { TOKEN_LENGTH_MAX, TOKEN_LENGTH_MIN, UNIX_TIMESTAMP_MS_DIGITS_MAX, USER_ID_LENGTH_MAX } from './operator-api-limits';
import { isOperatorDate, isOperatorTimestamp } from './operator-timestamp';
import { isJsonObject, type JsonObject, type JsonValue } from './request-body-parser';

/** One malformed field: where (e.g. "data.amount"), what was wrong, and which error code family. */
export interface FieldProblem {
  readonly kind: FieldProblemKind;
  readonly field: string;
  readonly problem: string;
}

/**
 * Thrown by the readers and caught by the decoders at their boundary, where it becomes a value:
 * it only keeps each decoder a flat list of reads instead of a chain of early returns.
 */
export class FieldProblemSignal {
  constructor(readonly fieldProblem: FieldProblem) {}
}

function fail(kind: FieldProblemKind, field: string, problem: string): never {
  throw new FieldProblemSignal({ kind, field, problem });
}

/** A field of a decoded object, with the dotted path used in error messages. */
export interface FieldRef {
  readonly object: JsonObject;
  readonly key: string;
  readonly path: string;
}

export function fieldOf(object: JsonObject, key: string, parentPath: string): FieldRef {
  return { object, key, path: parentPath === '' ? key : `${parentPath}.${key}` };
}

/** Own properties only: a key inherited from Object.prototype ("toString") is not a field. */
function valueOf(ref: FieldRef): JsonValue | undefined {
  return Object.hasOwn(ref.object, ref.key) ? ref.object[ref.key] : undefined;
}

function requireValue(ref: FieldRef, kind: FieldProblemKind): JsonValue {
  const value = valueOf(ref);
  if (value === undefined) fail(kind, ref.path, 'missing');
  if (value === null) fail(kind, ref.path, 'must not be null');
  return value;
}

export function readObject(ref: FieldRef): JsonObject {
  const value = requireValue(ref, FieldProblemKind.Other);
  if (!isJsonObject(value)) fail(FieldProblemKind.Other, ref.path, 'must be an object');
  return value;
}

export function isExplicitNull(ref: FieldRef): boolean {
  return valueOf(ref) === null;
}

/** Absent and null both mean "not sent" for optional fields. */
export function isAbsent(ref: FieldRef): boolean {
  const value = valueOf(ref);
  return value === undefined || value === null;
}

/** Digits without sign, fraction, exponent or leading zeros: one text per integer. */
const CANONICAL_DIGITS_PATTERN = /^(0|[1-9][0-9]*)$/;

/**
 * An INT id. Accepted as a JSON number literal (as the vendor's examples send them) or as a string
 * of digits (some vendors quote ids); either way it is kept as its digit text, never a number.
 * Leading zeros are refused so that "0123" and 123 cannot name two different transactions.
 */
export function readPlatformId(ref: FieldRef, digitsMax: number): string {
  const text = readDigitText(ref, FieldProblemKind.Other);
  if (!CANONICAL_DIGITS_PATTERN.test(text)) {
    fail(FieldProblemKind.Other, ref.path, 'must be a non-negative integer without sign, fraction, exponent or leading zeros');
  }
  if (text.length > digitsMax) fail(FieldProblemKind.Other, ref.path, `more than ${digitsMax} digits`);
  return text;
}

export function readOptionalPlatformId(ref: FieldRef, digitsMax: number): string | null {
  return isAbsent(ref) ? null : readPlatformId(ref, digitsMax);
}

/** transaction_ts / round_ts: STRING 13 in the spec; a bare number literal is accepted too. */
export function readUnixTimestampMs(ref: FieldRef): string {
  const text = readDigitText(ref, FieldProblemKind.Other);
  if (!CANONICAL_DIGITS_PATTERN.test(text) || text.length > UNIX_TIMESTAMP_MS_DIGITS_MAX) {
    fail(FieldProblemKind.Other, ref.path, `must be unix milliseconds: 1 to ${UNIX_TIMESTAMP_MS_DIGITS_MAX} digits`);
  }
  return text;
}

function readDigitText(ref: FieldRef, kind: FieldProblemKind): string {
  const value = requireValue(ref, kind);
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'string') return value;
  return fail(kind, ref.path, 'must be a number or a string of digits');
}

/**
 * A DECIMAL(18, scale) amount, never negative. Accepted as a JSON number literal (the vendor's
 * form) or a decimal string; parsed from its literal text, so "0.1" stays exactly 0.10.
 */
export function readNonNegativeDecimal(ref: FieldRef, scale: MoneyScale, currencyCode: CurrencyCode): Money {
  const value = requireValue(ref, FieldProblemKind.Other);
  let literal: string;
  if (isLosslessNumber(value)) {
    literal = value.value;
  } else if (typeof value === 'string') {
    literal = value;
  } else {
    return fail(FieldProblemKind.Other, ref.path, 'must be a decimal number');
  }
  const parsed = Money.parse(literal, scale, currencyCode);
  if (!parsed.ok) fail(FieldProblemKind.Other, ref.path, parsed.error.message);
  if (parsed.value.isNegative()) fail(FieldProblemKind.Other, ref.path, 'must not be negative');
  return parsed.value;
}

export function readOptionalNonNegativeDecimal(ref: FieldRef, scale: MoneyScale, currencyCode: CurrencyCode): Money | null {
  return isAbsent(ref) ? null : readNonNegativeDecimal(ref, scale, currencyCode);
}

/** C0 controls (below space) and DEL: never meaningful in an id, a reason or a name, and trouble in logs. */
const CONTROL_CHARACTER_BELOW = 0x20;
const DELETE_CHARACTER = 0x7f;

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < CONTROL_CHARACTER_BELOW || code === DELETE_CHARACTER) return true;
  }
  return false;
}
/** A UTF-16 surrogate not part of a pair: JSON allows it as an escape, UTF-8 cannot store it. */
const LONE_SURROGATE_PATTERN = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export interface StringBounds {
  readonly lengthMin: number;
  readonly lengthMax: number;
  readonly kind?: FieldProblemKind;
}

/**
 * A STRING parameter: lengths counted in characters (code points, as the database column counts
 * them), and never a "|", which the vendor forbids in every string parameter.
 */
export function readString(ref: FieldRef, bounds: StringBounds): string {
  const kind = bounds.kind ?? FieldProblemKind.Other;
  const value = requireValue(ref, kind);
  if (typeof value !== 'string') fail(kind, ref.path, 'must be a string');
  const problem = stringProblem(value, bounds);
  if (problem !== null) fail(kind, ref.path, problem);
  return value;
}

export function readOptionalString(ref: FieldRef, bounds: StringBounds): string | null {
  return isAbsent(ref) ? null : readString(ref, bounds);
}

/** Shared with the response encoder, which holds our own strings to the same rules. */
export function stringProblem(value: string, bounds: StringBounds): string | null {
  const length = Array.from(value).length;
  if (length < bounds.lengthMin) return bounds.lengthMin === 1 ? 'must not be empty' : `shorter than ${bounds.lengthMin} characters`;
  if (length > bounds.lengthMax) return `longer than ${bounds.lengthMax} characters`;
  if (value.includes('|')) return 'must not contain "|"';
  if (hasControlCharacter(value)) return 'must not contain control characters';
  if (LONE_SURROGATE_PATTERN.test(value)) return 'must not contain unpaired surrogates';
  return null;
}

const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9]{${TOKEN_LENGTH_MIN},${TOKEN_LENGTH_MAX}}$`);

/** The game-session token: 20–50 of [A-Za-z0-9]. Anything else can only be an unknown token. */
export function readToken(ref: FieldRef): string {
  const value = requireValue(ref, FieldProblemKind.Token);
  if (typeof value !== 'string' || !TOKEN_PATTERN.test(value)) {
    fail(FieldProblemKind.Token, ref.path, `must be ${TOKEN_LENGTH_MIN} to ${TOKEN_LENGTH_MAX} characters of A-Z, a-z, 0-9`);
  }
  return value;
}

export function readUserId(ref: FieldRef): string {
  return readString(ref, { lengthMin: 1, lengthMax: USER_ID_LENGTH_MAX, kind: FieldProblemKind.UserId });
}

export function readCurrencyCode(ref: FieldRef): CurrencyCode {
  const value = requireValue(ref, FieldProblemKind.Currency);
  if (typeof value !== 'string' || !isCurrencyCode(value)) {
    fail(FieldProblemKind.Currency, ref.path, 'must be 3 to 4 characters of A-Z, 0-9');
  }
  return value;
}

export function readOneOf<T extends string>(ref: FieldRef, allowed: readonly T[]): T {
  const value = requireValue(ref, FieldProblemKind.Other);
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(FieldProblemKind.Other, ref.path, `must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** BOOL | NULL; absent is read as null (the field became optional in v2.11). */
export function readBooleanOrNull(ref: FieldRef): boolean | null {
  const value = valueOf(ref);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') fail(FieldProblemKind.Other, ref.path, 'must be true, false or null');
  return value;
}

export function readTimestamp(ref: FieldRef): string {
  const value = requireValue(ref, FieldProblemKind.Other);
  if (typeof value !== 'string' || !isOperatorTimestamp(value)) {
    fail(FieldProblemKind.Other, ref.path, 'must be a real UTC time as YYYY-MM-DD HH:MM:SS');
  }
  return value;
}

export function readDate(ref: FieldRef): string {
  const value = requireValue(ref, FieldProblemKind.Other);
  if (typeof value !== 'string' || !isOperatorDate(value)) {
    fail(FieldProblemKind.Other, ref.path, 'must be a date as YYYY-MM-DD');
  }
  return value;
}
