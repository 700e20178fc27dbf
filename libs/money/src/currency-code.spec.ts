import { currencyCodeOf, isCurrencyCode } from './currency-code';

describe('CurrencyCode', () => {
  it.each(['EUR', 'USD', 'BTC', 'USDT', 'XB1'])('given %s when validated then it is a currency code', (text) => {
    expect(isCurrencyCode(text)).toBe(true);
    expect(currencyCodeOf(text)).toBe(text);
  });

  it.each(['eur', 'Eur', 'EU', 'EURUS', '', 'EU R', 'EU|', 'EUR\n'])('given %p when validated then it is refused', (text) => {
    expect(isCurrencyCode(text)).toBe(false);
  });

  it('given a lowercase code from a trusted source when converted then it throws', () => {
    expect(() => currencyCodeOf('eur')).toThrow('not a currency code: "eur" (expected ^[A-Z0-9]{3,4}$)');
  });
});
