import { currencyCodeOf } from './currency-code';
import { AMOUNT_SCALE, Money, MoneyInvariantError, MoneyParseErrorKind, MoneyParseException, RAKE_SCALE } from './money';

const EUR = currencyCodeOf('EUR');
const USD = currencyCodeOf('USD');

function amount(literal: string): Money {
  return Money.parseOrThrow(literal, AMOUNT_SCALE, EUR);
}

function parseErrorOf(literal: string, scale: 2 | 4 = AMOUNT_SCALE): { kind: string; message: string } {
  const result = Money.parse(literal, scale, EUR);
  if (result.ok) {
    throw new Error(`expected ${literal} to be refused, got ${result.value.toDecimalString()}`);
  }
  return result.error;
}

describe('Money', () => {
  describe('given decimal literals as they appear in JSON', () => {
    it.each([
      ['17.25', 1725n, '17.25'],
      ['0.1', 10n, '0.10'],
      ['100', 10000n, '100.00'],
      ['0', 0n, '0.00'],
      ['1.500', 150n, '1.50'],
      ['1.5000000000', 150n, '1.50'],
      ['-5', -500n, '-5.00'],
      ['-0.01', -1n, '-0.01'],
      ['1e2', 10000n, '100.00'],
      ['1E2', 10000n, '100.00'],
      ['1e+2', 10000n, '100.00'],
      ['1.5e1', 1500n, '15.00'],
      ['15e-1', 150n, '1.50'],
      ['1e-2', 1n, '0.01'],
      ['12300e-4', 123n, '1.23'],
      ['0e999999', 0n, '0.00'],
      ['9999999999999999.99', 999999999999999999n, '9999999999999999.99'],
    ])('when %s is parsed at scale 2 then it is %p minor units, printed %s', (literal, amountMinor, printed) => {
      const money = amount(literal as string);

      expect(money.amountMinor).toBe(amountMinor);
      expect(money.toDecimalString()).toBe(printed);
      expect(money.currencyCode).toBe('EUR');
      expect(money.scale).toBe(2);
    });

    it('when rake 0.0328 is parsed at scale 4 then it keeps four decimals', () => {
      const rake = Money.parseOrThrow('0.0328', RAKE_SCALE, EUR);

      expect(rake.amountMinor).toBe(328n);
      expect(rake.toDecimalString()).toBe('0.0328');
    });

    it('when the largest DECIMAL(18,4) is parsed then it has 14 integer digits', () => {
      expect(Money.parseOrThrow('99999999999999.9999', RAKE_SCALE, EUR).toDecimalString()).toBe('99999999999999.9999');
    });
  });

  describe('given negative zero', () => {
    it.each(['-0', '-0.00', '-0.0000', '-0e5'])('when %s is parsed then it is plain zero', (literal) => {
      const money = amount(literal);

      expect(money.amountMinor).toBe(0n);
      expect(money.isZero()).toBe(true);
      expect(money.isNegative()).toBe(false);
      expect(money.toDecimalString()).toBe('0.00');
    });

    it('when zero is negated then it stays "0.00", not "-0.00"', () => {
      expect(amount('0').negate().toDecimalString()).toBe('0.00');
    });
  });

  describe('given the 16-integer-digit boundary of DECIMAL(18,2)', () => {
    it('when 16 integer digits are parsed then they are accepted', () => {
      expect(amount('1234567890123456').toDecimalString()).toBe('1234567890123456.00');
    });

    it('when 17 integer digits are parsed then they are refused as too large', () => {
      expect(parseErrorOf('12345678901234567')).toEqual({ kind: MoneyParseErrorKind.TooLarge, message: 'more than 16 integer digits' });
    });

    it('when 1e16 (17 integer digits) is parsed then it is refused as too large', () => {
      expect(parseErrorOf('1e16').kind).toBe(MoneyParseErrorKind.TooLarge);
    });

    it('when 9.999999999999999e15 is parsed then it is accepted as 16 integer digits', () => {
      expect(amount('9.999999999999999e15').toDecimalString()).toBe('9999999999999999.00');
    });

    it('when 15 integer digits are parsed at scale 4 then they are refused (14 is the limit)', () => {
      expect(parseErrorOf('123456789012345', RAKE_SCALE)).toEqual({ kind: MoneyParseErrorKind.TooLarge, message: 'more than 14 integer digits' });
    });

    it('when leading zeros come from an exponent form then they do not count as digits', () => {
      expect(amount('0.00001e5').toDecimalString()).toBe('1.00');
    });
  });

  describe('given literals that must be refused', () => {
    it.each([
      ['1.005', MoneyParseErrorKind.TooManyDecimals, 'more than 2 decimal places'],
      ['0.001', MoneyParseErrorKind.TooManyDecimals, 'more than 2 decimal places'],
      ['1e-3', MoneyParseErrorKind.TooManyDecimals, 'more than 2 decimal places'],
      ['', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['abc', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['1.', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['.5', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['+1', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['01', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['1,5', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      [' 1', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['NaN', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['Infinity', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['0x10', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['1e', MoneyParseErrorKind.NotANumber, 'not a decimal number'],
      ['1e99999999', MoneyParseErrorKind.TooLarge, 'more than 16 integer digits'],
      ['1e-99999999', MoneyParseErrorKind.TooManyDecimals, 'more than 2 decimal places'],
      [`1.${'0'.repeat(63)}`, MoneyParseErrorKind.TooLong, 'longer than 64 characters'],
    ])('when %p is parsed at scale 2 then it is refused as %s: %s', (literal, kind, message) => {
      expect(parseErrorOf(literal)).toEqual({ kind, message });
    });

    it('when 0.00005 is parsed at scale 4 then it has too many decimals', () => {
      expect(parseErrorOf('0.00005', RAKE_SCALE)).toEqual({ kind: MoneyParseErrorKind.TooManyDecimals, message: 'more than 4 decimal places' });
    });

    it('when parseOrThrow meets a bad literal then it throws an exception naming the literal and the problem', () => {
      expect(() => amount('1.005')).toThrow(MoneyParseException);
      expect(() => amount('1.005')).toThrow('cannot parse "1.005" as money: more than 2 decimal places');
    });
  });

  describe('given arithmetic', () => {
    it('when 0.1 and 0.2 are added then the sum is exactly 0.30', () => {
      const sum = amount('0.1').add(amount('0.2'));

      expect(sum.toDecimalString()).toBe('0.30');
      expect(sum.equals(amount('0.3'))).toBe(true);
    });

    it('when 17.25 is subtracted from 10 then the result is -7.25', () => {
      const difference = amount('10').subtract(amount('17.25'));

      expect(difference.toDecimalString()).toBe('-7.25');
      expect(difference.isNegative()).toBe(true);
    });

    it('when a value is negated then the sign flips and the digits stay', () => {
      expect(amount('420.76').negate().toDecimalString()).toBe('-420.76');
      expect(amount('-420.76').negate().toDecimalString()).toBe('420.76');
    });

    it('when values are compared then compare returns -1, 0 or 1', () => {
      expect(amount('0.30').compare(amount('0.3'))).toBe(0);
      expect(amount('0.29').compare(amount('0.3'))).toBe(-1);
      expect(amount('1').compare(amount('-1'))).toBe(1);
    });

    it('when isZero/isNegative/isPositive are asked then they answer by value', () => {
      expect([amount('0').isZero(), amount('0').isNegative(), amount('0').isPositive()]).toEqual([true, false, false]);
      expect([amount('-0.01').isZero(), amount('-0.01').isNegative(), amount('-0.01').isPositive()]).toEqual([false, true, false]);
      expect([amount('0.01').isZero(), amount('0.01').isNegative(), amount('0.01').isPositive()]).toEqual([false, false, true]);
    });

    it('when a sum would leave DECIMAL(18,2) then it throws instead of storing an unstorable value', () => {
      const largest = amount('9999999999999999.99');

      expect(() => largest.add(amount('0.01'))).toThrow(MoneyInvariantError);
    });

    it('when two currencies are mixed then it is a programming error', () => {
      const dollars = Money.parseOrThrow('1', AMOUNT_SCALE, USD);

      expect(() => amount('1').add(dollars)).toThrow(new MoneyInvariantError('cannot add USD and EUR'));
      expect(() => amount('1').compare(dollars)).toThrow(MoneyInvariantError);
    });

    it('when two scales are mixed then it is a programming error', () => {
      const rake = Money.parseOrThrow('1', RAKE_SCALE, EUR);

      expect(() => amount('1').subtract(rake)).toThrow(new MoneyInvariantError('cannot subtract scale 4 and scale 2'));
    });
  });

  describe('given immutability', () => {
    it('when a value is added to then the original is unchanged and frozen', () => {
      const original = amount('1.00');
      original.add(amount('2.00'));

      expect(original.toDecimalString()).toBe('1.00');
      expect(Object.isFrozen(original)).toBe(true);
    });
  });

  describe('given minor units from a trusted source', () => {
    it('when 1725n is wrapped then it prints 17.25 and logs with its currency', () => {
      const money = Money.fromMinor(1725n, AMOUNT_SCALE, EUR);

      expect(money.toDecimalString()).toBe('17.25');
      expect(money.toString()).toBe('17.25 EUR');
    });

    it('when 10^18 minor units are wrapped then it throws', () => {
      expect(() => Money.fromMinor(10n ** 18n, AMOUNT_SCALE, EUR)).toThrow(MoneyInvariantError);
    });

    it('when an unsupported scale is forced through then it throws', () => {
      expect(() => Money.fromMinor(1n, 3 as 2, EUR)).toThrow('unsupported scale 3: only 2 and 4 exist');
    });
  });
});
