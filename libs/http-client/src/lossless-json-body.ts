import { isLosslessNumber, parse, stringify, type LosslessNumber } from 'lossless-json';
import { JSON_NESTING_DEPTH_MAX } from './http-client-limits';

/**
 * A JSON value as the lossless parser returns it: every number keeps its literal text in a
 * LosslessNumber, so a 20-digit id or "3.30" is never rounded through a binary float.
 * Remote bodies are always read this way, never with JSON.parse.
 */
export type JsonValue = string | boolean | null | LosslessNumber | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export type ParsedJson = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads a remote's body: strict UTF-8 (a leading BOM is tolerated, PHP stacks emit one), nesting
 * bounded on the raw text before the recursive parser sees it, then lossless-json.
 */
export function parseLosslessJsonBody(body: Uint8Array): ParsedJson {
  let text: string;
  try {
    text = UTF8.decode(body);
  } catch {
    return { ok: false, problem: 'body is not valid UTF-8' };
  }
  const depth = maximumNestingDepth(text);
  if (depth > JSON_NESTING_DEPTH_MAX) {
    return { ok: false, problem: `body nested deeper than ${JSON_NESTING_DEPTH_MAX} levels` };
  }
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { ok: false, problem: `body is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  // lossless-json stores keys with `object[key] = value`, so a "__proto__" key replaces the
  // object's prototype instead of becoming a field, and a later read of a missing field would
  // find the attacker's value. No vendor field we read has that name: such a body is refused.
  if (!hasOnlyPlainPrototypes(value)) {
    return { ok: false, problem: 'body contains a "__proto__" key' };
  }
  return { ok: true, value: value as JsonValue };
}

/** Exact JSON text of a parsed value (numbers as they were written), e.g. for a jsonb column. */
export function jsonText(value: JsonValue): string {
  const text = stringify(value);
  // stringify answers undefined only for functions and undefined, which a JsonValue never holds.
  if (text === undefined) {
    throw new Error('invariant: a parsed JSON value always serializes');
  }
  return text;
}

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Linear and iterative, safe on any text: counts brackets outside strings. It stops counting once
 * past the bound (the answer is refused either way); grammar errors are left to the parser.
 */
function maximumNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== QUOTE) {
        i += text.charCodeAt(i) === BACKSLASH ? 2 : 1;
      }
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > JSON_NESTING_DEPTH_MAX) {
          return deepest;
        }
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** Iterative walk; the depth is already bounded, the explicit stack keeps it cheap anyway. */
function hasOnlyPlainPrototypes(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null || isLosslessNumber(value)) {
      continue;
    }
    if (Array.isArray(value)) {
      // A loop, not push(...value): spreading a 100 000-game array would overflow the call stack.
      for (const item of value) {
        pending.push(item);
      }
      continue;
    }
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      return false;
    }
    for (const item of Object.values(value)) {
      pending.push(item);
    }
  }
  return true;
}
