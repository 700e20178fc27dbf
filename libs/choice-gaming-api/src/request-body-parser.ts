import { readBoundedJsonObject, type JsonObject } from '@wallet-platform/protocol-kit';
import { REQUEST_BODY_BYTES_MAX, REQUEST_NESTING_DEPTH_MAX } from './choice-gaming-limits';

export { isJsonObject, type JsonObject, type JsonValue } from '@wallet-platform/protocol-kit';

export type ParsedRequestBody = { readonly ok: true; readonly value: JsonObject } | { readonly ok: false; readonly message: string };

/**
 * Reads a provider request body with the protocol kit's one policy (size before decoding, strict
 * UTF-8, a leading BOM skipped, nesting bounded, every repeated key and `__proto__` refused,
 * numbers lossless, so a game id sent as `123` is checked as the text "123") and this provider's
 * bounds. The `Hash` header is checked over the raw bytes before this runs.
 */
export function parseRequestBody(raw: Buffer): ParsedRequestBody {
  const read = readBoundedJsonObject(raw, { bytesMax: REQUEST_BODY_BYTES_MAX, depthMax: REQUEST_NESTING_DEPTH_MAX, subject: 'request body' });
  return read.ok ? { ok: true, value: read.value } : { ok: false, message: read.message };
}
