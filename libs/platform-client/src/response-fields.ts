import { isLosslessNumber } from 'lossless-json';
import { isJsonObject, jsonText, type JsonObject, type JsonValue } from './platform-json';
import { DECIMAL_LITERAL_LENGTH_MAX, DETAILS_JSON_BYTES_MAX, LABEL_LENGTH_MAX, PLATFORM_ID_DIGITS_MAX } from './platform-client-limits';

/**
 * A 2xx answer whose shape we cannot accept. `path` points at the field ("games[3].enabled") so
 * the operator can tell the platform exactly what is wrong. Turned into a `bad-response`
 * PlatformApiError by the client; decoders throw it rather than thread results through every reader.
 */
export class ResponseShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'ResponseShapeError';
  }
}

/** Values quoted in problems are cut short: a hostile platform must not be able to bloat our logs. */
const QUOTED_VALUE_LENGTH_MAX = 40;

export function describe(value: JsonValue | undefined): string {
  if (value === undefined) {
    return 'missing';
  }
  const text = isLosslessNumber(value) ? value.value : typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'an array' : 'an object') : JSON.stringify(value);
  return text.length > QUOTED_VALUE_LENGTH_MAX ? `${text.slice(0, QUOTED_VALUE_LENGTH_MAX)}…` : text;
}

export function expectObject(value: JsonValue | undefined, path: string): JsonObject {
  if (!isJsonObject(value)) {
    throw new ResponseShapeError(path, `expected an object, got ${describe(value)}`);
  }
  return value;
}

export function expectArray(value: JsonValue | undefined, path: string, lengthMax: number): readonly JsonValue[] {
  if (!Array.isArray(value)) {
    throw new ResponseShapeError(path, `expected an array, got ${describe(value)}`);
  }
  const array = value as readonly JsonValue[];
  if (array.length > lengthMax) {
    throw new ResponseShapeError(path, `more than ${lengthMax} entries`);
  }
  return array;
}

/** Own fields only: nothing inherited can ever pass for a field the platform sent. */
export function fieldOf(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A required, non-empty, bounded string (title, vendor, entity name…). */
export function readLabel(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  if (typeof value !== 'string' || value.length === 0) {
    throw new ResponseShapeError(`${path}.${key}`, `expected a non-empty string, got ${describe(value)}`);
  }
  if (value.length > LABEL_LENGTH_MAX) {
    throw new ResponseShapeError(`${path}.${key}`, `longer than ${LABEL_LENGTH_MAX} characters`);
  }
  return value;
}

/** No leading zeros: "7" and "007" must never become two games. */
const DIGIT_ID_PATTERN = new RegExp(`^(0|[1-9][0-9]{0,${PLATFORM_ID_DIGITS_MAX - 1}})$`);

/**
 * A numeric id kept as its decimal text. The vendor documents ids as integers but some send them
 * quoted, so both a JSON number and a string of digits are taken, as long as the text is a plain
 * non-negative integer of at most 20 digits.
 */
export function readDigitId(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  const text = isLosslessNumber(value) ? value.value : typeof value === 'string' ? value : undefined;
  if (text === undefined || !DIGIT_ID_PATTERN.test(text)) {
    throw new ResponseShapeError(`${path}.${key}`, `expected an integer id of at most ${PLATFORM_ID_DIGITS_MAX} digits, got ${describe(value)}`);
  }
  return text;
}

/**
 * The vendor's 1/0 flags. Documented as integers, shown quoted in the structure description, and
 * some stacks emit JSON booleans: all three spellings are unambiguous, anything else is refused.
 * `whenMissing` undefined means the field is required.
 */
export function readFlag(object: JsonObject, key: string, path: string, whenMissing?: boolean): boolean {
  const value = fieldOf(object, key);
  if (value === undefined && whenMissing !== undefined) {
    return whenMissing;
  }
  if (value === true || value === false) {
    return value;
  }
  const text = isLosslessNumber(value) ? value.value : typeof value === 'string' ? value : undefined;
  if (text === '1') {
    return true;
  }
  if (text === '0') {
    return false;
  }
  throw new ResponseShapeError(`${path}.${key}`, `expected 1 or 0, got ${describe(value)}`);
}

const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** True for a real calendar day written YYYY-MM-DD ("2024-02-30" is not one). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (match === null) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A YYYY-MM-DD date; `nullable` lets a missing or null field read as null. */
export function readDate(object: JsonObject, key: string, path: string, nullable: true): string | null;
export function readDate(object: JsonObject, key: string, path: string, nullable: false): string;
export function readDate(object: JsonObject, key: string, path: string, nullable: boolean): string | null {
  const value = fieldOf(object, key);
  if (nullable && (value === undefined || value === null)) {
    return null;
  }
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new ResponseShapeError(`${path}.${key}`, `expected a YYYY-MM-DD date, got ${describe(value)}`);
  }
  return value;
}

/** The JSON number grammar, which is also what the money lib's parser reads. */
const DECIMAL_PATTERN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * An amount kept as its exact decimal text. The vendor sends some amounts as JSON numbers
 * (3.30) and some as strings ("2.80"); either way the text is kept as written, never turned
 * into a float. Turning it into Money (currency, scale) is the caller's business.
 */
export function readDecimal(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  const text = isLosslessNumber(value) ? value.value : typeof value === 'string' ? value : undefined;
  if (text === undefined || text.length > DECIMAL_LITERAL_LENGTH_MAX || !DECIMAL_PATTERN.test(text)) {
    throw new ResponseShapeError(`${path}.${key}`, `expected a decimal number, got ${describe(value)}`);
  }
  return text;
}

const SAFE_INTEGER_DIGITS_MAX = String(Number.MAX_SAFE_INTEGER).length;

/** A count: a non-negative integer within JavaScript's safe range, as a number or digit string. */
export function readCount(object: JsonObject, key: string, path: string): number {
  const value = fieldOf(object, key);
  const text = isLosslessNumber(value) ? value.value : typeof value === 'string' ? value : undefined;
  if (text === undefined || !/^(0|[1-9][0-9]*)$/.test(text)) {
    throw new ResponseShapeError(`${path}.${key}`, `expected a non-negative integer, got ${describe(value)}`);
  }
  // Length first (MAX_SAFE_INTEGER has 16 digits) so a huge literal is never converted at all;
  // then compared as bigint, since Number(text) of an unsafe value would already be rounded.
  if (text.length > SAFE_INTEGER_DIGITS_MAX || BigInt(text) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ResponseShapeError(`${path}.${key}`, 'beyond the safe integer range');
  }
  return Number(text);
}

/** Opaque vendor data (`details`), kept losslessly but bounded in size; missing reads as null. */
export function readDetails(object: JsonObject, key: string, path: string): JsonValue {
  const value = fieldOf(object, key);
  if (value === undefined) {
    return null;
  }
  if (Buffer.byteLength(jsonText(value), 'utf8') > DETAILS_JSON_BYTES_MAX) {
    throw new ResponseShapeError(`${path}.${key}`, `larger than ${DETAILS_JSON_BYTES_MAX} bytes`);
  }
  return value;
}
