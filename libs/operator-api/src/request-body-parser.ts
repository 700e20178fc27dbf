import { isLosslessNumber, parse, type LosslessNumber } from 'lossless-json';
import { REQUEST_BODY_BYTES_MAX, REQUEST_NESTING_DEPTH_MAX } from './operator-api-limits';

/**
 * A JSON value as the lossless parser returns it: every number keeps its literal text in a
 * LosslessNumber, so "12345678901234567890" and "0.1" are never rounded through a binary float.
 */
export type JsonValue = string | boolean | null | LosslessNumber | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/**
 * The request body text, checked to be one well-formed JSON object within our limits. Only
 * `parseRequestBody` makes one, so splicing it into a response can never produce broken JSON.
 */
export type RequestJsonText = string & { readonly __brand: 'RequestJsonText' };

/** What the response passes back when the request could not be read as a JSON object at all. */
export const UNREADABLE_REQUEST_ECHO = '{}' as RequestJsonText;

export const BodyProblem = {
  TooLarge: 'TOO_LARGE',
  NotUtf8: 'NOT_UTF8',
  TooDeep: 'TOO_DEEP',
  InvalidJson: 'INVALID_JSON',
  DuplicateKey: 'DUPLICATE_KEY',
  ForbiddenKey: 'FORBIDDEN_KEY',
  NotAnObject: 'NOT_AN_OBJECT',
} as const;
export type BodyProblem = (typeof BodyProblem)[keyof typeof BodyProblem];

export type ParsedRequestBody =
  | { readonly ok: true; readonly json: RequestJsonText; readonly value: JsonObject }
  | { readonly ok: false; readonly problem: BodyProblem; readonly message: string };

/**
 * "__proto__" as a key would replace the prototype of the parsed object (the parser assigns
 * keys with `object[key] = value`) instead of becoming a field; no platform field has that name.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);
/** Keys quoted in error messages are cut to this length so a hostile key cannot bloat the log. */
const QUOTED_KEY_LENGTH_MAX = 64;

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a platform request body: size first (before any decoding), then strict UTF-8, then a
 * single pass over the text that bounds nesting and finds duplicate keys, then lossless-json.
 *
 * Duplicate keys are refused even when both values are equal. lossless-json refuses only
 * duplicates with different values; we refuse all, because a body two readers could read
 * differently (first wins vs last wins) has no place in a money protocol, and no platform needs
 * to send one.
 */
export function parseRequestBody(raw: Buffer | string): ParsedRequestBody {
  const sizeBytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (sizeBytes > REQUEST_BODY_BYTES_MAX) {
    return failure(BodyProblem.TooLarge, `request body larger than ${REQUEST_BODY_BYTES_MAX} bytes`);
  }
  let text: string;
  if (typeof raw === 'string') {
    text = raw;
  } else {
    try {
      text = UTF8.decode(raw);
    } catch {
      return failure(BodyProblem.NotUtf8, 'request body is not valid UTF-8');
    }
  }
  const json = trimJsonWhitespace(text);

  const scan = scanStructure(json);
  if (scan.tooDeep) {
    return failure(BodyProblem.TooDeep, `request body nested deeper than ${REQUEST_NESTING_DEPTH_MAX} levels`);
  }
  let value: unknown;
  try {
    value = parse(json);
  } catch (error) {
    // lossless-json itself throws on a duplicate key with a different value; the scan's message
    // (with the key's path) is the more useful one then.
    if (scan.keyProblem !== null) {
      return failure(scan.keyProblem.problem, scan.keyProblem.message);
    }
    return failure(BodyProblem.InvalidJson, `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (scan.keyProblem !== null) {
    return failure(scan.keyProblem.problem, scan.keyProblem.message);
  }
  if (!isJsonObject(value)) {
    return failure(BodyProblem.NotAnObject, 'request body is not a JSON object');
  }
  return { ok: true, json: json as RequestJsonText, value };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function failure(problem: BodyProblem, message: string): ParsedRequestBody {
  return { ok: false, problem, message };
}

/** JSON's own whitespace only (RFC 8259): anything else at the ends is left for the parser to refuse. */
function trimJsonWhitespace(text: string): string {
  return text.replace(/^[ \t\n\r]+/, '').replace(/[ \t\n\r]+$/, '');
}

interface Frame {
  readonly path: string;
  readonly keys: Set<string> | null;
  expectingKey: boolean;
  currentKey: string;
  index: number;
}

interface ScanResult {
  readonly tooDeep: boolean;
  readonly keyProblem: { readonly problem: BodyProblem; readonly message: string } | null;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

/**
 * Iterative and linear, so it is safe on any input, well-formed or not: it only counts brackets
 * outside strings and reads object keys. Grammar errors are left to lossless-json, which runs
 * next; on malformed text this scan may stop early, and the parser then reports the real error.
 */
function scanStructure(text: string): ScanResult {
  const stack: Frame[] = [];
  let keyProblem: ScanResult['keyProblem'] = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (code === QUOTE) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) {
        end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      }
      if (end >= text.length) {
        break;
      }
      if (top?.keys && top.expectingKey) {
        const key = decodeKey(text.slice(i, end + 1));
        if (key === null) {
          break;
        }
        const where = childPath(top.path, key);
        if (keyProblem === null && FORBIDDEN_KEYS.has(key)) {
          keyProblem = { problem: BodyProblem.ForbiddenKey, message: `${where}: key not allowed` };
        } else if (keyProblem === null && top.keys.has(key)) {
          keyProblem = { problem: BodyProblem.DuplicateKey, message: `${where}: duplicate key` };
        }
        top.keys.add(key);
        top.currentKey = key;
        top.expectingKey = false;
      }
      i = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const path = top === undefined ? '' : top.keys ? childPath(top.path, top.currentKey) : `${top.path}[${top.index}]`;
      const isObject = code === OPEN_BRACE;
      stack.push({ path, keys: isObject ? new Set() : null, expectingKey: isObject, currentKey: '', index: 0 });
      if (stack.length > REQUEST_NESTING_DEPTH_MAX) {
        return { tooDeep: true, keyProblem };
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      stack.pop();
    } else if (code === COMMA && top !== undefined) {
      if (top.keys) {
        top.expectingKey = true;
      } else {
        top.index++;
      }
    }
  }
  return { tooDeep: false, keyProblem };
}

function childPath(parentPath: string, key: string): string {
  const shownKey = key.length > QUOTED_KEY_LENGTH_MAX ? `${key.slice(0, QUOTED_KEY_LENGTH_MAX)}…` : key;
  return parentPath === '' ? shownKey : `${parentPath}.${shownKey}`;
}

/** Keys compare by their decoded text ("\u0061" is "a"); an undecodable key is left to the parser. */
function decodeKey(quoted: string): string | null {
  if (!quoted.includes('\\')) {
    return quoted.slice(1, -1);
  }
  try {
    const decoded = parse(quoted);
    return typeof decoded === 'string' ? decoded : null;
  } catch {
    return null;
  }
}
