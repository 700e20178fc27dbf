import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';
import { REQUEST_BODY_BYTES_MAX, REQUEST_NESTING_DEPTH_MAX } from './choice-gaming-limits';

/**
 * A JSON value as the lossless parser returns it: a number keeps its literal text in a
 * LosslessNumber, so a game id sent as `123` can be checked as the text "123" (and `1e2` or `12.0`
 * refused) instead of passing through a binary float.
 */
export type JsonValue = string | boolean | null | LosslessNumber | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export type ParsedRequestBody = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly message: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a provider request body: size first (before any decoding), then strict UTF-8, then a
 * nesting bound, then lossless-json. The same order as the Operator API's parser
 * (libs/operator-api), written small here because a protocol lib may not import another one and
 * the bodies of this provider are flat.
 *
 * Duplicate keys: lossless-json refuses a key repeated with a different value (two readers could
 * read different requests); a key repeated with the same value reads the same for everyone and is
 * accepted. A `__proto__` key would replace the parsed object's prototype, so it is refused.
 */
export function parseRequestBody(raw: Buffer): ParsedRequestBody {
  if (raw.length > REQUEST_BODY_BYTES_MAX) return failure(`request body larger than ${REQUEST_BODY_BYTES_MAX} bytes`);
  let text: string;
  try {
    text = UTF8.decode(raw);
  } catch {
    return failure('request body is not valid UTF-8');
  }
  if (nestingDepthOf(text) > REQUEST_NESTING_DEPTH_MAX) return failure(`request body nested deeper than ${REQUEST_NESTING_DEPTH_MAX} levels`);
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return failure(`request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(value)) return failure('request body is not a JSON object');
  if (Object.getPrototypeOf(value) !== Object.prototype) return failure('request body: key "__proto__" not allowed');
  return { ok: true, value };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function failure(message: string): ParsedRequestBody {
  return { ok: false, message };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * The deepest bracket nesting outside strings, in one linear pass that is safe on any input: on
 * malformed text it may be off, and the parser that runs next reports the real error.
 */
function nestingDepthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      deepest = Math.max(deepest, depth);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}
