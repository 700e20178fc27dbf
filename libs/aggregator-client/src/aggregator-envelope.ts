import type { JsonValue } from '@wallet-platform/http-client';
import { ERROR_MESSAGE_LENGTH_MAX } from './aggregator-client-limits';
import { AggregatorShapeError } from './aggregator-errors';
import { describe, expectObject, fieldOf } from './aggregator-fields';

/**
 * What one answer says, once the envelope is read. The document is inconsistent: its text puts
 * the payload in `data` and the failure reason in `message`; every example uses `result` and
 * `error {code, message}`. We decode what the examples show, tolerate the text's form, and refuse
 * anything else (both payload fields at once, no `ok`, `ok` not a boolean) rather than guess.
 */
export type AggregatorEnvelope =
  | { readonly ok: true; readonly result: JsonValue }
  | { readonly ok: false; readonly codeText: string | undefined; readonly message: string };

export function decodeAggregatorEnvelope(body: JsonValue): AggregatorEnvelope {
  const envelope = expectObject(body, '$');
  const ok = fieldOf(envelope, 'ok');
  if (typeof ok !== 'boolean') {
    throw new AggregatorShapeError('$.ok', `expected true or false, got ${describe(ok)}`);
  }
  if (ok) {
    const result = fieldOf(envelope, 'result');
    const data = fieldOf(envelope, 'data');
    if (result !== undefined && data !== undefined) {
      throw new AggregatorShapeError('$', 'has both "result" and "data"');
    }
    const payload = result ?? data;
    if (payload === undefined || payload === null) {
      throw new AggregatorShapeError('$.result', `expected the call's result, got ${describe(payload)}`);
    }
    return { ok: true, result: payload };
  }
  const error = fieldOf(envelope, 'error');
  if (error !== undefined && error !== null) {
    const errorObject = expectObject(error, '$.error');
    const code = fieldOf(errorObject, 'code');
    if (typeof code !== 'string' || code.length === 0 || code.length > ERROR_MESSAGE_LENGTH_MAX) {
      throw new AggregatorShapeError('$.error.code', `expected a code, got ${describe(code)}`);
    }
    return { ok: false, codeText: code, message: messageOf(fieldOf(errorObject, 'message')) };
  }
  const message = fieldOf(envelope, 'message');
  if (typeof message === 'string') {
    return { ok: false, codeText: undefined, message: messageOf(message) };
  }
  throw new AggregatorShapeError('$', 'a failure without "error" or "message"');
}

function messageOf(value: JsonValue | undefined): string {
  const text = typeof value === 'string' ? value : '';
  // Control characters would let a hostile message forge log lines.
  const printable = Array.from(text, (character) => (character.charCodeAt(0) < 0x20 || character === '\u007f' ? ' ' : character)).join('');
  return printable.length > ERROR_MESSAGE_LENGTH_MAX ? `${printable.slice(0, ERROR_MESSAGE_LENGTH_MAX)}…` : printable;
}
