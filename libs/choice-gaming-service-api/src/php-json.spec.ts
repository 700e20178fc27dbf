import { PhpFloat, phpJsonEncode, PhpJsonEncodeError } from './php-json';

describe('PHP json_encode form', () => {
  describe('given strings', () => {
    it.each([
      ['a slash', 'a/b', '"a\\/b"'],
      ['quotes and backslashes', 'say "hi" \\ bye', '"say \\"hi\\" \\\\ bye"'],
      ['short control escapes', '\b\f\n\r\t', '"\\b\\f\\n\\r\\t"'],
      ['other control characters in lowercase hex', '\u0001\u001f', '"\\u0001\\u001f"'],
      ['DEL, written as is', '\u007f', '"\u007f"'],
      ['non-ASCII as lowercase \\u escapes', 'é€', '"\\u00e9\\u20ac"'],
      ['an emoji as a surrogate pair', '😀', '"\\ud83d\\ude00"'],
      ['line and paragraph separators', '\u2028\u2029', '"\\u2028\\u2029"'],
    ])('when %s then they are written as PHP does', (_case, text, expected) => {
      expect(phpJsonEncode(text)).toBe(expected);
    });

    it('when a UTF-16 surrogate stands alone then encoding refuses (PHP could not read it back)', () => {
      expect(() => phpJsonEncode('a\ud83d')).toThrow(PhpJsonEncodeError);
      expect(() => phpJsonEncode('\ude00b')).toThrow(/lone UTF-16 surrogate/);
    });
  });

  describe('given decimals (money)', () => {
    it.each([
      ['0.10', '0.1'],
      ['10.00', '10'],
      ['-2.50', '-2.5'],
      ['0.01', '0.01'],
      ['0.0001', '0.0001'],
      ['0', '0'],
      ['0.00', '0'],
      ['-0.00', '0'],
      ['999999999999.99', '999999999999.99'],
      ['123456789012345', '123456789012345'],
    ])('when %s then it is written %s, the shortest form PHP writes', (decimal, expected) => {
      expect(phpJsonEncode(PhpFloat.fromDecimal(decimal))).toBe(expected);
    });

    it.each([
      ['more than 15 significant digits', '1234567890123.456'],
      ['10^15', '1000000000000000'],
      ['below 0.0001 (PHP writes 1.0e-5)', '0.00001'],
      ['an exponent', '1e2'],
      ['a leading plus', '+1'],
      ['a bare point', '.5'],
    ])('when it is %s then it is refused', (_case, decimal) => {
      expect(() => PhpFloat.fromDecimal(decimal)).toThrow(PhpJsonEncodeError);
    });
  });

  describe('given integers', () => {
    it('when within PHP_INT_MAX then they are decimal digits, from bigint or a safe number', () => {
      expect(phpJsonEncode([40, 0, -7, 9_223_372_036_854_775_807n])).toBe('[40,0,-7,9223372036854775807]');
    });

    it('when beyond PHP_INT_MAX or a binary fraction then they are refused', () => {
      expect(() => phpJsonEncode(9_223_372_036_854_775_808n)).toThrow(/integer range/);
      expect(() => phpJsonEncode(0.1)).toThrow(/PhpFloat/);
      expect(() => phpJsonEncode(Number.NaN)).toThrow(PhpJsonEncodeError);
    });
  });

  describe('given objects and lists', () => {
    it('when encoded then keys keep their order and nothing is spaced', () => {
      expect(phpJsonEncode({ playerIds: ['p1', 'p2'], numberOfFreeRounds: 40, amount: PhpFloat.fromDecimal('0.10'), gameIds: ['2'], ok: true, none: null })).toBe(
        '{"playerIds":["p1","p2"],"numberOfFreeRounds":40,"amount":0.1,"gameIds":["2"],"ok":true,"none":null}',
      );
      expect(phpJsonEncode([])).toBe('[]');
    });

    it('when an object is empty, has an all-digit key or is not plain then it is refused', () => {
      expect(() => phpJsonEncode({})).toThrow(/empty object/);
      expect(() => phpJsonEncode({ b: 1, '1': 2 })).toThrow(/all digits/);
      expect(() => phpJsonEncode(new Date() as unknown as Record<string, string>)).toThrow(/plain objects/);
    });

    it('when nested deeper than the bound then it is refused', () => {
      let deep: unknown = 'x';
      for (let i = 0; i < 20; i++) deep = [deep];
      expect(() => phpJsonEncode(deep as string[])).toThrow(/nested deeper/);
    });
  });
});
