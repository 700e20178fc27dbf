import { readBoundedJson, type JsonValue } from '@wallet-platform/protocol-kit';
import { JSON_NESTING_DEPTH_MAX } from './http-client-limits';

export { isJsonObject, jsonText, type JsonObject, type JsonValue } from '@wallet-platform/protocol-kit';

export type ParsedJson = { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: string };

/**
 * Reads a remote's body with the protocol kit's one policy (strict UTF-8, a leading BOM skipped:
 * PHP stacks emit one; nesting bounded before the recursive parser; repeated keys and `__proto__`
 * refused; numbers lossless). Its size is already bounded: the client stops reading past the
 * call's `responseBytesMax`.
 */
export function parseLosslessJsonBody(body: Uint8Array): ParsedJson {
  const read = readBoundedJson(body, { bytesMax: Number.MAX_SAFE_INTEGER, depthMax: JSON_NESTING_DEPTH_MAX });
  return read.ok ? { ok: true, value: read.value } : { ok: false, problem: read.message };
}
