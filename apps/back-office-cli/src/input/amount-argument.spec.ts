import { idempotencyKey, limitAmount, positiveAmount, signedNonZeroAmount } from './amount-argument';
import { LocalValidationError } from './input-errors';

/** The API's amount grammar, checked before anything is sent; the string is passed on exactly as typed. */
describe('amount arguments', () => {
  const refusal = (check: () => unknown): LocalValidationError => {
    try {
      check();
    } catch (error) {
      if (error instanceof LocalValidationError) return error;
      throw error;
    }
    throw new Error('expected a LocalValidationError');
  };

  describe('a deposit or withdrawal amount', () => {
    it.each(['100.00', '100.1', '5', '0.01', '0.5', '9999999999999999.99'])('accepts %s and passes it on unchanged', (text) => {
      expect(positiveAmount('amount', text)).toBe(text);
    });

    it.each(['1.005', '0', '0.00', '-5.00', '+5', '1e2', '1,50', '.5', '5.', ' 5', '5 ', '', 'ten', '10000000000000000.00', '١٢'])('refuses %j', (text) => {
      const error = refusal(() => positiveAmount('amount', text));
      expect(error.fields).toEqual([{ field: 'amount', problems: [expect.stringContaining('amount must be a positive decimal')] }]);
    });

    it('refuses leading zeros, which the wallet answers with a 500 (its money parser refuses them)', () => {
      expect(refusal(() => positiveAmount('amount', '007.50')).fields[0].problems[0]).toContain('no leading zeros');
      expect(refusal(() => signedNonZeroAmount('amount', '-00.10')).fields[0].field).toBe('amount');
    });

    it('echoes what was typed, cut when long', () => {
      expect(refusal(() => positiveAmount('amount', '1.005')).fields[0].problems[0]).toContain('got "1.005"');
      expect(refusal(() => positiveAmount('amount', '9'.repeat(100))).fields[0].problems[0]).toContain(`got "${'9'.repeat(40)}…"`);
    });
  });

  describe('an adjustment amount', () => {
    it.each(['-5.00', '12.50', '-0.01', '3'])('accepts %s', (text) => {
      expect(signedNonZeroAmount('amount', text)).toBe(text);
    });

    it.each(['0.00', '-0', '-0.00', '--5', '-1.005', '- 5'])('refuses %j', (text) => {
      expect(refusal(() => signedNonZeroAmount('amount', text)).fields[0].field).toBe('amount');
    });
  });

  describe('a limit', () => {
    it('accepts a non-negative decimal, zero included, and "none" as null (remove the limit)', () => {
      expect(limitAmount('dailyWagerLimit', '50.00')).toBe('50.00');
      expect(limitAmount('dailyWagerLimit', '0')).toBe('0');
      expect(limitAmount('dailyWagerLimit', 'none')).toBeNull();
    });

    it.each(['-1.00', '1.001', 'None', 'null', ''])('refuses %j', (text) => {
      expect(refusal(() => limitAmount('dailyLossLimit', text)).fields[0]).toEqual({ field: 'dailyLossLimit', problems: [expect.stringContaining('or "none"')] });
    });
  });

  describe('an idempotency key', () => {
    it('accepts 8-100 characters of [A-Za-z0-9._:-]', () => {
      expect(idempotencyKey('idempotencyKey', 'deposit-2026-01-31:0001')).toBe('deposit-2026-01-31:0001');
    });

    it.each(['short', 'has space in it', 'x'.repeat(101), 'dépôt-0001'])('refuses %j', (text) => {
      expect(refusal(() => idempotencyKey('idempotencyKey', text)).fields[0].field).toBe('idempotencyKey');
    });
  });
});
