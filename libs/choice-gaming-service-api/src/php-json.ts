import { PHP_FLOAT_DIGITS_MAX, PHP_INT_MAX, PHP_INT_MIN, PHP_JSON_DEPTH_MAX } from './service-api-limits';

/**
 * JSON text exactly as PHP's `json_encode($value)` (no flags) writes it, for the values we send.
 *
 * Why: the provider signs `json_encode(data)` of the data it decoded from our body
 * (`hash("sha256", privateKey . time . json_encode(data))`). If the bytes we sign are not what
 * json_encode makes of our data, every request is refused as "hash not valid". So we write `data`
 * in PHP's own form, send those very bytes, and sign them: decoding and re-encoding them in PHP
 * gives them back unchanged (tested against PHP itself in php-json-parity.spec.ts).
 *
 * PHP's form, flags 0:
 * - strings: `"` `\` and `/` are escaped (`\/`); \b \f \n \r \t short; other characters below
 *   U+0020 as `\u00XX`; every non-ASCII character as `\uXXXX` UTF-16 units, hex in lowercase
 *   (an emoji becomes a surrogate pair); U+007F is written as is.
 * - integers in decimal; floats in their shortest round-trip form, without a trailing ".0"
 *   (`10.0` is `10`, `0.10` is `0.1`); we only accept decimals whose form is plain digits.
 * - lists as `[...]`, objects as `{...}` in insertion order, no spaces.
 *
 * What PHP would write differently from what we meant is refused rather than sent: a lone UTF-16
 * surrogate (invalid UTF-8 for PHP), an empty object (json_decode(…, true) reads `{}` as an empty
 * array and writes `[]`), an all-digit object key (JavaScript reorders those keys), an integer
 * beyond PHP_INT_MAX (PHP reads it as a float), a decimal beyond 15 significant digits.
 */
export type PhpJsonValue = string | boolean | null | bigint | number | PhpFloat | readonly PhpJsonValue[] | PhpJsonObject;
export interface PhpJsonObject {
  readonly [key: string]: PhpJsonValue;
}

export class PhpJsonEncodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhpJsonEncodeError';
  }
}

const DECIMAL_TEXT_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?$/;

/**
 * A JSON number that PHP reads as a float (money), made from decimal text, never from a binary
 * `number`, so no float noise can enter. `text` is the form json_encode writes for it.
 */
export class PhpFloat {
  private constructor(readonly text: string) {
    Object.freeze(this);
  }

  /**
   * "0.10" → 0.1, "10.00" → 10, "-2.50" → -2.5. At most 15 significant digits (PHP_FLOAT_DIG:
   * exact through a double), and a magnitude where PHP writes plain digits: zero, or at least
   * 0.0001 and below 10^15 (PHP switches to `1.0e-5` style below 0.0001).
   */
  static fromDecimal(decimal: string): PhpFloat {
    const match = DECIMAL_TEXT_PATTERN.exec(decimal);
    if (match === null) throw new PhpJsonEncodeError(`not a plain decimal: ${JSON.stringify(decimal.slice(0, 64))}`);
    const [, sign, integerDigits, fractionDigits = ''] = match;
    const fraction = fractionDigits.replace(/0+$/, '');
    const integer = integerDigits;
    // Zero is written `0` whatever its sign: PHP reads the text `-0` back as the integer 0, so a
    // signed zero could not survive the provider's decode and re-encode (found by the PHP test).
    if (integer === '0' && fraction === '') return new PhpFloat('0');
    const significant = (integer === '0' ? fraction.replace(/^0+/, '') : integer + fraction).replace(/0+$/, '');
    if (significant.length > PHP_FLOAT_DIGITS_MAX) throw new PhpJsonEncodeError(`${decimal} has more than ${PHP_FLOAT_DIGITS_MAX} significant digits`);
    if (integer.length > PHP_FLOAT_DIGITS_MAX) throw new PhpJsonEncodeError(`${decimal} is 10^15 or more`);
    if (integer === '0' && fraction.startsWith('0000')) {
      throw new PhpJsonEncodeError(`${decimal} is below 0.0001`);
    }
    return new PhpFloat(`${sign}${integer}${fraction === '' ? '' : `.${fraction}`}`);
  }
}

export function phpJsonEncode(value: PhpJsonValue): string {
  const out: string[] = [];
  write(value, out, 0);
  return out.join('');
}

function write(value: PhpJsonValue, out: string[], depth: number): void {
  if (depth > PHP_JSON_DEPTH_MAX) throw new PhpJsonEncodeError(`nested deeper than ${PHP_JSON_DEPTH_MAX}`);
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'string') {
    out.push(phpJsonString(value));
  } else if (typeof value === 'bigint') {
    if (value > PHP_INT_MAX || value < PHP_INT_MIN) throw new PhpJsonEncodeError(`${value} is outside PHP's integer range`);
    out.push(value.toString());
  } else if (typeof value === 'number') {
    // Only integers travel as a JavaScript number; a fraction must come as a PhpFloat from text.
    if (!Number.isSafeInteger(value)) throw new PhpJsonEncodeError(`${value} is not a safe integer: pass decimals as PhpFloat`);
    out.push(String(value));
  } else if (value instanceof PhpFloat) {
    out.push(value.text);
  } else if (Array.isArray(value)) {
    out.push('[');
    const list = value as readonly PhpJsonValue[];
    for (let i = 0; i < list.length; i++) {
      if (!(i in list)) throw new PhpJsonEncodeError(`list has a hole at ${i}`);
      if (i > 0) out.push(',');
      write(list[i], out, depth + 1);
    }
    out.push(']');
  } else {
    writeObject(value as PhpJsonObject, out, depth);
  }
}

function writeObject(object: PhpJsonObject, out: string[], depth: number): void {
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) throw new PhpJsonEncodeError('only plain objects can be encoded');
  const keys = Object.keys(object);
  if (keys.length === 0) throw new PhpJsonEncodeError('an empty object would come back from PHP as []');
  out.push('{');
  keys.forEach((key, index) => {
    if (/^[0-9]+$/.test(key)) throw new PhpJsonEncodeError(`object key ${key} is all digits: JavaScript would reorder it`);
    if (index > 0) out.push(',');
    out.push(phpJsonString(key), ':');
    write(object[key], out, depth + 1);
  });
  out.push('}');
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x2f: '\\/',
  0x5c: '\\\\',
};

export function phpJsonString(text: string): string {
  let result = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const short = SHORT_ESCAPES[unit];
    if (short !== undefined) {
      result += short;
    } else if (unit >= 0x20 && unit <= 0x7f) {
      result += text[i];
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) throw new PhpJsonEncodeError(`lone UTF-16 surrogate at ${i}`);
      result += unicodeEscape(unit) + unicodeEscape(next);
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      throw new PhpJsonEncodeError(`lone UTF-16 surrogate at ${i}`);
    } else {
      result += unicodeEscape(unit);
    }
  }
  return `${result}"`;
}

function unicodeEscape(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}
