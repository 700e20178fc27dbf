import { isLosslessNumber, parse, stringify, type LosslessNumber } from 'lossless-json';

/**
 * The one JSON reader of every body we take in or get back: the Operator API and Choice Gaming
 * requests, the platforms' and providers' responses, our own back-office, promotions and reports
 * APIs, and the JSON documents of our configuration (the platform registry). Its policy is decided
 * here, once:
 *
 * - **Size** first, before any decoding: the caller names its bound (`bytesMax`).
 * - **Strict UTF-8**: a byte sequence that is not UTF-8 is refused, never replaced.
 * - **A leading byte-order mark is skipped.** RFC 8259 §8.1 lets a parser ignore one, PHP stacks
 *   emit one, and a BOM changes no value, so refusing it would only refuse honest senders. The text
 *   handed back (`text`) is without it.
 * - **Nesting** bounded (`depthMax`) in one linear pass over the text, before the recursive parser
 *   sees it.
 * - **A repeated key is refused**, even with the same value: a body two readers could read
 *   differently (first wins, last wins) has no place where money moves. `{"amount":"1.00",
 *   "amount":"900.00"}` is refused naming `amount`.
 * - **`__proto__` is refused** as a key: the parser assigns keys with `object[key] = value`, so it
 *   would replace the object's prototype instead of becoming a field.
 * - **Numbers are lossless**: each keeps its literal text in a LosslessNumber, so a 20-digit id or
 *   "0.10" is never rounded through a binary float (unless the caller asks for another reading
 *   with `parseNumber`, e.g. configuration, where every number is a small integer).
 */
export type JsonValue = string | boolean | null | LosslessNumber | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export const JsonProblem = {
  TooLarge: 'TOO_LARGE',
  NotUtf8: 'NOT_UTF8',
  TooDeep: 'TOO_DEEP',
  InvalidJson: 'INVALID_JSON',
  DuplicateKey: 'DUPLICATE_KEY',
  ForbiddenKey: 'FORBIDDEN_KEY',
  NotAnObject: 'NOT_AN_OBJECT',
} as const;
export type JsonProblem = (typeof JsonProblem)[keyof typeof JsonProblem];

export interface BoundedJsonLimits {
  /** The largest body, in bytes (of UTF-8). */
  readonly bytesMax: number;
  /** The deepest nesting of objects and arrays. */
  readonly depthMax: number;
  /** What the messages call the text, e.g. "request body" (the default "body"). */
  readonly subject?: string;
  /** How a number's literal text becomes a value; a LosslessNumber when left out. */
  readonly parseNumber?: (text: string) => unknown;
}

export type ReadJson<T> =
  | { readonly ok: true; readonly text: string; readonly value: T }
  | {
      readonly ok: false;
      readonly problem: JsonProblem;
      readonly message: string;
      /** The key the problem is at (`data.amount`, `items[1].k`), for a repeated or forbidden key. */
      readonly path: string | null;
    };

/** Keys quoted in messages are cut to this length, so a hostile key cannot bloat a log line or an answer. */
export const QUOTED_KEY_LENGTH_MAX = 64;
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BYTE_ORDER_MARK = '\ufeff';

/** Reads one JSON value within `limits` (see the policy above). */
export function readBoundedJson(raw: Uint8Array | string, limits: BoundedJsonLimits): ReadJson<JsonValue> {
  const subject = limits.subject ?? 'body';
  const sizeBytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.length;
  if (sizeBytes > limits.bytesMax) return failure(JsonProblem.TooLarge, `${subject} larger than ${limits.bytesMax} bytes`);
  let decoded: string;
  if (typeof raw === 'string') {
    decoded = raw;
  } else {
    try {
      decoded = UTF8.decode(raw);
    } catch {
      return failure(JsonProblem.NotUtf8, `${subject} is not valid UTF-8`);
    }
  }
  const text = trimJsonWhitespace(decoded.startsWith(BYTE_ORDER_MARK) ? decoded.slice(1) : decoded);
  const scan = scanStructure(text, limits.depthMax);
  if (scan.tooDeep) return failure(JsonProblem.TooDeep, `${subject} nested deeper than ${limits.depthMax} levels`);
  let value: unknown;
  try {
    value = limits.parseNumber ? parse(text, null, limits.parseNumber) : parse(text);
  } catch (error) {
    // lossless-json itself throws on a key repeated with another value; the scan's message (with
    // the key's path) is the more useful one then.
    if (scan.keyProblem !== null) return keyFailure(scan.keyProblem);
    return failure(JsonProblem.InvalidJson, `${subject} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (scan.keyProblem !== null) return keyFailure(scan.keyProblem);
  return { ok: true, text, value: value as JsonValue };
}

/** The same, for a body that must be one JSON object. */
export function readBoundedJsonObject(raw: Uint8Array | string, limits: BoundedJsonLimits): ReadJson<JsonObject> {
  const read = readBoundedJson(raw, limits);
  if (!read.ok) return read;
  if (!isJsonObject(read.value)) return failure(JsonProblem.NotAnObject, `${limits.subject ?? 'body'} is not a JSON object`);
  return { ok: true, text: read.text, value: read.value };
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

/** Exact JSON text of a parsed value (numbers as they were written), e.g. for a jsonb column. */
export function jsonText(value: JsonValue): string {
  const text = stringify(value);
  // stringify answers undefined only for functions and undefined, which a JsonValue never holds.
  if (text === undefined) throw new Error('invariant: a parsed JSON value always serializes');
  return text;
}

function failure(problem: JsonProblem, message: string, path: string | null = null): ReadJson<never> {
  return { ok: false, problem, message, path };
}

/** The message starts with the key's path: the field a client must fix. */
function keyFailure(keyProblem: KeyProblem): ReadJson<never> {
  const rule = keyProblem.problem === JsonProblem.DuplicateKey ? 'duplicate key' : 'key not allowed';
  return failure(keyProblem.problem, `${keyProblem.path}: ${rule}`, keyProblem.path);
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

interface KeyProblem {
  readonly problem: typeof JsonProblem.DuplicateKey | typeof JsonProblem.ForbiddenKey;
  readonly path: string;
}

interface ScanResult {
  readonly tooDeep: boolean;
  readonly keyProblem: KeyProblem | null;
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
function scanStructure(text: string, depthMax: number): ScanResult {
  const stack: Frame[] = [];
  let keyProblem: KeyProblem | null = null;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
    if (code === QUOTE) {
      let end = i + 1;
      while (end < text.length && text.charCodeAt(end) !== QUOTE) {
        end += text.charCodeAt(end) === BACKSLASH ? 2 : 1;
      }
      if (end >= text.length) break;
      if (top?.keys && top.expectingKey) {
        const key = decodeKey(text.slice(i, end + 1));
        if (key === null) break;
        const path = childPath(top.path, key);
        if (keyProblem === null && FORBIDDEN_KEYS.has(key)) {
          keyProblem = { problem: JsonProblem.ForbiddenKey, path };
        } else if (keyProblem === null && top.keys.has(key)) {
          keyProblem = { problem: JsonProblem.DuplicateKey, path };
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
      if (stack.length > depthMax) return { tooDeep: true, keyProblem };
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      stack.pop();
    } else if (code === COMMA && top !== undefined) {
      if (top.keys) top.expectingKey = true;
      else top.index++;
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
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    const decoded = parse(quoted);
    return typeof decoded === 'string' ? decoded : null;
  } catch {
    return null;
  }
}
