import { isLosslessNumber, parse } from 'lossless-json';
import { CodeMeaning, meaningOfCode, SERVICE_API_MESSAGES, type ServiceApiRefusalCode } from './service-api-codes';
import { PROVIDER_MESSAGE_LENGTH_MAX, REFERENCE_ID_LENGTH_MAX } from './service-api-limits';

/**
 * What one answer says about the grants it was for. Only code 0 grants and only 8 and 9 refuse;
 * anything we cannot read leaves the outcome unknown, so the chunk is asked about again rather
 * than assumed failed (a lost "ok" assumed failed would be granted a second time elsewhere).
 */
export type ServiceApiAnswer =
  | { readonly kind: 'granted'; readonly referenceId: string | null }
  | { readonly kind: 'refused'; readonly code: ServiceApiRefusalCode; readonly message: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeServiceApiAnswer(httpStatus: number, body: Uint8Array): ServiceApiAnswer {
  if (httpStatus < 200 || httpStatus > 299) return unknown(`HTTP ${httpStatus}`);
  let value: unknown;
  try {
    value = parse(UTF8.decode(body));
  } catch {
    return unknown('answer is not JSON');
  }
  if (!isObject(value)) return unknown('answer is not a JSON object');
  const code = value['code'];
  if (!isLosslessNumber(code) || !/^-?[0-9]{1,9}$/.test(code.value)) return unknown('answer has no integer code');
  const meaning = meaningOfCode(BigInt(code.value));
  switch (meaning) {
    case CodeMeaning.Granted:
      return { kind: 'granted', referenceId: referenceIdOf(value['data']) };
    case CodeMeaning.Refused: {
      const refusal = Number(code.value) as ServiceApiRefusalCode;
      const message = typeof value['message'] === 'string' ? value['message'] : SERVICE_API_MESSAGES[refusal];
      return { kind: 'refused', code: refusal, message: bounded(message) };
    }
    case CodeMeaning.Unknown:
      return unknown(`undocumented code ${code.value}`);
    default:
      return unreachable(meaning);
  }
}

/** The document's success carries `data.referenceId`; a success without one is still a success. */
function referenceIdOf(data: unknown): string | null {
  if (!isObject(data)) return null;
  const reference = data['referenceId'];
  if (typeof reference === 'string' && reference.length > 0 && reference.length <= REFERENCE_ID_LENGTH_MAX) return reference;
  if (isLosslessNumber(reference) && reference.value.length <= REFERENCE_ID_LENGTH_MAX) return reference.value;
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function bounded(message: string): string {
  return Array.from(message).slice(0, PROVIDER_MESSAGE_LENGTH_MAX).join('');
}

function unknown(reason: string): ServiceApiAnswer {
  return { kind: 'unknown', reason };
}

function unreachable(value: never): never {
  throw new Error(`unhandled code meaning ${String(value)}`);
}
