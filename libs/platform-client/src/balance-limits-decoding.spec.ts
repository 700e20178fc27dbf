import { decodeBalanceLimits } from './balance-limits-decoder';
import { parsedFixture } from './testing/parse-fixture';

describe('balance limits decoding', () => {
  it('given "enabled": false, then there is no limit', () => {
    expect(decodeBalanceLimits(parsedFixture('{"enabled": false}'))).toEqual({ enabled: false });
  });

  it('given the vendor example with limits, then balances keep their exact text per currency', () => {
    const limits = decodeBalanceLimits(
      parsedFixture(
        '{"enabled":true,"currency":"USD","available_balance":107881.02,"currencies":{"GBP":{"available_balance":86347.97},' +
          '"EUR":{"available_balance":"99164.230"}},"limit_exceeded":false}',
      ),
    );

    expect(limits).toEqual({
      enabled: true,
      currency: 'USD',
      availableBalance: '107881.02',
      currencies: { GBP: { availableBalance: '86347.97' }, EUR: { availableBalance: '99164.230' } },
      limitExceeded: false,
    });
  });

  it('given limits without a per-currency member, then currencies is empty', () => {
    const limits = decodeBalanceLimits(parsedFixture('{"enabled":1,"currency":"EUR","available_balance":0,"limit_exceeded":1}'));

    expect(limits).toEqual({ enabled: true, currency: 'EUR', availableBalance: '0', currencies: {}, limitExceeded: true });
  });

  it.each([
    ['a missing limit_exceeded', '{"enabled":true,"currency":"EUR","available_balance":1}', '$.limit_exceeded'],
    ['a lowercase currency', '{"enabled":true,"currency":"eur","available_balance":1,"limit_exceeded":false}', '$.currency'],
    ['a float written as text "NaN"', '{"enabled":true,"currency":"EUR","available_balance":"NaN","limit_exceeded":false}', '$.available_balance'],
    ['a bad per-currency key', '{"enabled":true,"currency":"EUR","available_balance":1,"currencies":{"euro":{"available_balance":1}},"limit_exceeded":false}', '$.currencies'],
    ['a missing "enabled"', '{"currency":"EUR"}', '$.enabled'],
  ])('given %s, then the answer is refused naming the field', (_case, text, path) => {
    expect(() => decodeBalanceLimits(parsedFixture(text))).toThrow(`${path}:`);
  });
});
