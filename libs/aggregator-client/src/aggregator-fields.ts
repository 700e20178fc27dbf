import { isJsonObject, type JsonObject, type JsonValue } from '@wallet-platform/http-client';
import { isLosslessNumber } from 'lossless-json';
import { DECIMAL_LITERAL_LENGTH_MAX, ID_LENGTH_MAX } from './aggregator-client-limits';
import { AggregatorShapeError } from './aggregator-errors';

/** Values quoted in problems are cut short: a hostile answer must not bloat our logs. */
const QUOTED_LENGTH_MAX = 40;

export function describe(value: JsonValue | undefined): string {
  if (value === undefined) {
    return 'missing';
  }
  const text = isLosslessNumber(value) ? value.value : typeof value === 'object' && value !== null ? (Array.isArray(value) ? 'an array' : 'an object') : JSON.stringify(value);
  return text.length > QUOTED_LENGTH_MAX ? `${text.slice(0, QUOTED_LENGTH_MAX)}…` : text;
}

/** Own fields only: nothing inherited can pass for a field the aggregator sent. */
export function fieldOf(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function expectObject(value: JsonValue | undefined, path: string): JsonObject {
  if (!isJsonObject(value)) {
    throw new AggregatorShapeError(path, `expected an object, got ${describe(value)}`);
  }
  return value;
}

export function readObject(object: JsonObject, key: string, path: string): JsonObject {
  return expectObject(fieldOf(object, key), `${path}.${key}`);
}

export function readArray(object: JsonObject, key: string, path: string, lengthMax: number): readonly JsonValue[] {
  const value = fieldOf(object, key);
  if (!Array.isArray(value)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected an array, got ${describe(value)}`);
  }
  const array = value as readonly JsonValue[];
  if (array.length > lengthMax) {
    throw new AggregatorShapeError(`${path}.${key}`, `more than ${lengthMax} entries`);
  }
  return array;
}

/** An array, or null/missing read as empty (the document says "some data might be empty"). */
export function readOptionalArray(object: JsonObject, key: string, path: string, lengthMax: number): readonly JsonValue[] {
  const value = fieldOf(object, key);
  return value === undefined || value === null ? [] : readArray(object, key, path, lengthMax);
}

export function readString(object: JsonObject, key: string, path: string, lengthMax: number, options: { readonly allowEmpty?: boolean } = {}): string {
  const value = fieldOf(object, key);
  if (typeof value !== 'string' || (value.length === 0 && options.allowEmpty !== true)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected a ${options.allowEmpty === true ? '' : 'non-empty '}string, got ${describe(value)}`);
  }
  if (value.length > lengthMax) {
    throw new AggregatorShapeError(`${path}.${key}`, `longer than ${lengthMax} characters`);
  }
  return value;
}

/** A string that may be missing, null or empty: answered as "" (the document's optional fields). */
export function readOptionalString(object: JsonObject, key: string, path: string, lengthMax: number): string {
  const value = fieldOf(object, key);
  return value === undefined || value === null ? '' : readString(object, key, path, lengthMax, { allowEmpty: true });
}

export function readBoolean(object: JsonObject, key: string, path: string): boolean {
  const value = fieldOf(object, key);
  if (typeof value !== 'boolean') {
    throw new AggregatorShapeError(`${path}.${key}`, `expected true or false, got ${describe(value)}`);
  }
  return value;
}

/** A JSON integer within [min, max] (counts, page numbers, ids such as agentId). */
export function readInteger(object: JsonObject, key: string, path: string, min: number, max: number): number {
  const value = fieldOf(object, key);
  if (!isLosslessNumber(value) || !/^-?[0-9]+$/.test(value.value)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected an integer, got ${describe(value)}`);
  }
  const integer = Number(value.value);
  if (!Number.isSafeInteger(integer) || integer < min || integer > max) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected an integer from ${min} to ${max}, got ${value.value}`);
  }
  return integer;
}

/** A plain decimal literal: optional minus, digits, optional fraction. No exponent, no plus, no spaces. */
export const DECIMAL_PATTERN = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/**
 * A decimal sent as a string ("110.01", "-0.3771380888"), kept as that exact string: the
 * aggregator's figures have more places than our ledger's, and rounding is the caller's choice.
 */
export function readDecimal(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  if (typeof value !== 'string' || value.length > DECIMAL_LITERAL_LENGTH_MAX || !DECIMAL_PATTERN.test(value)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected a decimal string, got ${describe(value)}`);
  }
  return value;
}

/** RFC 3339 date-time with a zone (Z or ±hh:mm), fractional seconds of any length, as the examples send. */
const RFC3339_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$/;

export function isRfc3339(text: string): boolean {
  const match = RFC3339_PATTERN.exec(text);
  if (match === null) {
    return false;
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 60;
}

/** A time kept as the text the aggregator sent (its microseconds survive), checked to be RFC 3339. */
export function readTime(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  if (typeof value !== 'string' || value.length > 64 || !isRfc3339(value)) {
    throw new AggregatorShapeError(`${path}.${key}`, `expected an RFC 3339 time, got ${describe(value)}`);
  }
  return value;
}

/** An id sent as a string, or (for a few fields, e.g. PG's freeGameId) as a JSON integer: kept as its exact text. */
export function readId(object: JsonObject, key: string, path: string): string {
  const value = fieldOf(object, key);
  if (isLosslessNumber(value) && /^[0-9]{1,20}$/.test(value.value)) {
    return value.value;
  }
  return readString(object, key, path, ID_LENGTH_MAX);
}
