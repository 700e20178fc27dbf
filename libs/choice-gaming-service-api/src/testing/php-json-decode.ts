import { isLosslessNumber, parse } from 'lossless-json';
import { PhpFloat, type PhpJsonObject, type PhpJsonValue } from '../php-json';
import { PHP_INT_MAX, PHP_INT_MIN } from '../service-api-limits';

/**
 * `json_decode($text, true)` as far as the fake provider needs it: an integer literal becomes an
 * integer, any literal with a fraction or exponent a float (written back in PHP's shortest form by
 * PhpFloat), an integer beyond PHP_INT_MAX a float. Floats PHP would write in exponent form are
 * refused: no request of ours holds one, so meeting one means the request is not ours.
 */
export function phpJsonDecode(text: string): PhpJsonValue {
  return fromLossless(parse(text));
}

function fromLossless(value: unknown): PhpJsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (isLosslessNumber(value)) {
    const literal = value.value;
    if (/^-?(0|[1-9][0-9]*)$/.test(literal)) {
      const integer = BigInt(literal);
      if (integer <= PHP_INT_MAX && integer >= PHP_INT_MIN) return integer;
    }
    if (/[eE]/.test(literal)) throw new Error(`float in exponent form: ${literal}`);
    return PhpFloat.fromDecimal(literal);
  }
  if (Array.isArray(value)) return value.map(fromLossless);
  if (typeof value === 'object') {
    const object: Record<string, PhpJsonValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) object[key] = fromLossless(item);
    return object as PhpJsonObject;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}
