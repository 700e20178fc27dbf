import type { CurrencyCode } from './currency-code';

/**
 * Every amount is stored as DECIMAL(18, scale): 18 significant digits in total, `scale` of them
 * after the point. A Money value never holds more than its column can store, so that a value
 * which exists in memory can always be written without rounding or overflow.
 */
export const DECIMAL_PRECISION_DIGITS = 18;
/** Bets, wins and balances: DECIMAL(18,2). */
export const AMOUNT_SCALE = 2;
/** Poker rake: DECIMAL(18,4). */
export const RAKE_SCALE = 4;
export type MoneyScale = typeof AMOUNT_SCALE | typeof RAKE_SCALE;

/**
 * Longest decimal literal we look at. Trailing zeros beyond the scale are legal ("1.500"), so a
 * literal can be longer than 18 digits; the cap keeps parsing (and the exponent arithmetic)
 * bounded whatever a caller sends.
 */
export const DECIMAL_LITERAL_LENGTH_MAX = 64;

/** The JSON number grammar: no leading "+", no leading zeros, no bare "." and no "Infinity". */
const DECIMAL_LITERAL_PATTERN = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

export const MoneyParseErrorKind = {
  NotANumber: 'NOT_A_NUMBER',
  TooLong: 'TOO_LONG',
  TooManyDecimals: 'TOO_MANY_DECIMALS',
  TooLarge: 'TOO_LARGE',
} as const;
export type MoneyParseErrorKind = (typeof MoneyParseErrorKind)[keyof typeof MoneyParseErrorKind];

export interface MoneyParseError {
  readonly kind: MoneyParseErrorKind;
  /** Short, field-agnostic description, e.g. "more than 2 decimal places". */
  readonly message: string;
}

export type MoneyParseResult = { readonly ok: true; readonly value: Money } | { readonly ok: false; readonly error: MoneyParseError };

/** Thrown by `Money.parseOrThrow`, for sources we trust (our database, our configuration). */
export class MoneyParseException extends Error {
  constructor(
    readonly literal: string,
    readonly error: MoneyParseError,
  ) {
    super(`cannot parse ${JSON.stringify(literal.slice(0, DECIMAL_LITERAL_LENGTH_MAX))} as money: ${error.message}`);
    this.name = 'MoneyParseException';
  }
}

/**
 * Mixing currencies or scales, or leaving the DECIMAL(18, scale) range, is never an input error:
 * the caller has a bug. It must fail loudly rather than produce a plausible wrong number.
 */
export class MoneyInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyInvariantError';
  }
}

/**
 * An exact decimal amount: integer minor units (10^-scale) in a bigint, a fixed scale and a
 * currency. Immutable. Binary floating point never touches it, so 0.1 + 0.2 is exactly 0.30.
 */
export class Money {
  private constructor(
    /** The amount in units of 10^-scale: 17.25 at scale 2 is 1725n. */
    readonly amountMinor: bigint,
    readonly scale: MoneyScale,
    readonly currencyCode: CurrencyCode,
  ) {
    Object.freeze(this);
  }

  static fromMinor(amountMinor: bigint, scale: MoneyScale, currencyCode: CurrencyCode): Money {
    assertScale(scale);
    assertWithinPrecision(amountMinor, scale);
    // bigint has no negative zero, so "-0.00" and "0.00" are the same value by construction.
    return new Money(amountMinor, scale, currencyCode);
  }

  static zero(scale: MoneyScale, currencyCode: CurrencyCode): Money {
    return Money.fromMinor(0n, scale, currencyCode);
  }

  /**
   * Parses a decimal literal exactly as written in JSON ("17.25", "0.1", "100", "1e2", "-0.00").
   * Trailing zeros beyond the scale are accepted ("1.500" at scale 2) because they do not change
   * the value; any non-zero digit beyond the scale is refused, never rounded.
   */
  static parse(literal: string, scale: MoneyScale, currencyCode: CurrencyCode): MoneyParseResult {
    assertScale(scale);
    if (literal.length > DECIMAL_LITERAL_LENGTH_MAX) {
      return failure(MoneyParseErrorKind.TooLong, `longer than ${DECIMAL_LITERAL_LENGTH_MAX} characters`);
    }
    const match = DECIMAL_LITERAL_PATTERN.exec(literal);
    if (match === null) {
      return failure(MoneyParseErrorKind.NotANumber, 'not a decimal number');
    }
    const [, sign, integerDigits, fractionDigits = '', exponentText = '0'] = match;
    // value = significand × 10^exponent, with the significand stripped of leading and trailing
    // zeros so that "1.500", "15e-1" and "0001.5" all reduce to 15 × 10^-1.
    const allDigits = (integerDigits + fractionDigits).replace(/^0+/, '');
    if (allDigits === '') {
      return { ok: true, value: Money.zero(scale, currencyCode) };
    }
    const significand = allDigits.replace(/0+$/, '');
    const exponent = BigInt(exponentText) - BigInt(fractionDigits.length) + BigInt(allDigits.length - significand.length);
    if (exponent < -BigInt(scale)) {
      return failure(MoneyParseErrorKind.TooManyDecimals, `more than ${scale} decimal places`);
    }
    const integerDigitsMax = DECIMAL_PRECISION_DIGITS - scale;
    if (BigInt(significand.length) + exponent > BigInt(integerDigitsMax)) {
      return failure(MoneyParseErrorKind.TooLarge, `more than ${integerDigitsMax} integer digits`);
    }
    const magnitudeMinor = BigInt(significand) * 10n ** (exponent + BigInt(scale));
    return { ok: true, value: Money.fromMinor(sign === '-' ? -magnitudeMinor : magnitudeMinor, scale, currencyCode) };
  }

  static parseOrThrow(literal: string, scale: MoneyScale, currencyCode: CurrencyCode): Money {
    const result = Money.parse(literal, scale, currencyCode);
    if (!result.ok) {
      throw new MoneyParseException(literal, result.error);
    }
    return result.value;
  }

  /** Always exactly `scale` decimals: "0.30", "-5.00", "0.0328". */
  toDecimalString(): string {
    const negative = this.amountMinor < 0n;
    const digits = (negative ? -this.amountMinor : this.amountMinor).toString().padStart(this.scale + 1, '0');
    const integerPart = digits.slice(0, digits.length - this.scale);
    const fractionPart = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${integerPart}.${fractionPart}`;
  }

  /** For logs: "17.25 EUR". */
  toString(): string {
    return `${this.toDecimalString()} ${this.currencyCode}`;
  }

  add(other: Money): Money {
    this.assertSameKindAs(other, 'add');
    return Money.fromMinor(this.amountMinor + other.amountMinor, this.scale, this.currencyCode);
  }

  subtract(other: Money): Money {
    this.assertSameKindAs(other, 'subtract');
    return Money.fromMinor(this.amountMinor - other.amountMinor, this.scale, this.currencyCode);
  }

  negate(): Money {
    return Money.fromMinor(-this.amountMinor, this.scale, this.currencyCode);
  }

  /** -1, 0 or 1, like a sort comparator. */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameKindAs(other, 'compare');
    if (this.amountMinor < other.amountMinor) return -1;
    if (this.amountMinor > other.amountMinor) return 1;
    return 0;
  }

  equals(other: Money): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.amountMinor === 0n;
  }

  isNegative(): boolean {
    return this.amountMinor < 0n;
  }

  isPositive(): boolean {
    return this.amountMinor > 0n;
  }

  private assertSameKindAs(other: Money, operation: string): void {
    if (other.currencyCode !== this.currencyCode) {
      throw new MoneyInvariantError(`cannot ${operation} ${other.currencyCode} and ${this.currencyCode}`);
    }
    if (other.scale !== this.scale) {
      throw new MoneyInvariantError(`cannot ${operation} scale ${other.scale} and scale ${this.scale}`);
    }
  }
}

function failure(kind: MoneyParseErrorKind, message: string): MoneyParseResult {
  return { ok: false, error: { kind, message } };
}

function assertScale(scale: number): asserts scale is MoneyScale {
  if (scale !== AMOUNT_SCALE && scale !== RAKE_SCALE) {
    throw new MoneyInvariantError(`unsupported scale ${scale}: only ${AMOUNT_SCALE} and ${RAKE_SCALE} exist`);
  }
}

function assertWithinPrecision(amountMinor: bigint, scale: MoneyScale): void {
  const limitMinor = 10n ** BigInt(DECIMAL_PRECISION_DIGITS);
  if (amountMinor >= limitMinor || amountMinor <= -limitMinor) {
    throw new MoneyInvariantError(`${amountMinor} minor units do not fit DECIMAL(${DECIMAL_PRECISION_DIGITS},${scale})`);
  }
}
