import { decimalText, decimalUnits } from './aggregator-decimal';

describe('exact sums of the aggregator’s decimals', () => {
  it('adds figures of any places exactly, and prints at least 2 places', () => {
    const sum = ['0.1', '0.2', '-0.37', '1600.0000000001'].map(decimalUnits).reduce((a, b) => a + b, 0n);
    expect(decimalText(sum)).toBe('1599.9300000001');
    expect(decimalText(decimalUnits('-0.37'))).toBe('-0.37');
    expect(decimalText(decimalUnits('12.5'))).toBe('12.50');
    expect(decimalText(0n)).toBe('0.00');
    expect(decimalText(decimalUnits('-0.000'))).toBe('0.00');
  });

  it('refuses what is not a decimal string', () => {
    for (const text of ['', '1e3', '1.', '.5', '+1', '1,00', '0.1234567890123456789', 'NaN']) expect(() => decimalUnits(text)).toThrow(RangeError);
  });
});
