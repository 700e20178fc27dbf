import { JsonProblem, readBoundedJsonObject, type JsonObject } from '@wallet-platform/protocol-kit';
import { REQUEST_BODY_BYTES_MAX, REQUEST_NESTING_DEPTH_MAX } from './operator-api-limits';

export { isJsonObject, type JsonObject, type JsonValue } from '@wallet-platform/protocol-kit';

/**
 * The request body text, checked to be one well-formed JSON object within our limits. Only
 * `parseRequestBody` makes one, so splicing it into a response can never produce broken JSON.
 */
export type RequestJsonText = string & { readonly __brand: 'RequestJsonText' };

/** What the response passes back when the request could not be read as a JSON object at all. */
export const UNREADABLE_REQUEST_ECHO = '{}' as RequestJsonText;

/** Why a body was refused: the protocol kit's reasons (libs/protocol-kit). */
export const BodyProblem = JsonProblem;
export type BodyProblem = JsonProblem;

export type ParsedRequestBody =
  | { readonly ok: true; readonly json: RequestJsonText; readonly value: JsonObject }
  | { readonly ok: false; readonly problem: BodyProblem; readonly message: string };

/**
 * Reads a platform request body with the protocol kit's one policy (size before decoding, strict
 * UTF-8, a leading BOM skipped, nesting bounded, every repeated key and `__proto__` refused,
 * numbers lossless) and the Operator API's bounds.
 */
export function parseRequestBody(raw: Buffer | string): ParsedRequestBody {
  const read = readBoundedJsonObject(raw, { bytesMax: REQUEST_BODY_BYTES_MAX, depthMax: REQUEST_NESTING_DEPTH_MAX, subject: 'request body' });
  if (!read.ok) return { ok: false, problem: read.problem, message: read.message };
  return { ok: true, json: read.text as RequestJsonText, value: read.value };
}

/**
 * The body as the echo of an answer that refuses it unread (the gateway shedding load): the text
 * exactly as received when it is one JSON object by JSON's own grammar (`JSON.parse`), else null
 * (the caller then reads it with `parseRequestBody` and answers as that decides). Nothing of the
 * body is used, only passed back, so the policy checks of parseRequestBody (repeated keys, lossless
 * numbers, nesting) are skipped: that is what makes it about ten times cheaper. A BOM, bytes that
 * are not UTF-8, or a body over REQUEST_BODY_BYTES_MAX give null.
 */
export function requestEchoOfUnreadBody(raw: Buffer): RequestJsonText | null {
  if (raw.length > REQUEST_BODY_BYTES_MAX) return null;
  const text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff || text.includes('\ufffd')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (text as RequestJsonText) : null;
  } catch {
    return null;
  }
}
