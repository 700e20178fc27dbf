import fc from 'fast-check';
import { WalletCommandType } from '@wallet-platform/contracts';
import { decodeMoneyCommand } from './money-command';

/**
 * The wallet's boundary, fuzzed (fast-check): a command from Kafka can hold anything (another
 * version of the gateway, a hand-written message). Whatever it holds, the decoder answers a value,
 * never an exception that would stop the batch, and what it accepts is what it was given.
 */
const TYPES = [WalletCommandType.ChangeBalance, WalletCommandType.CancelTransaction, WalletCommandType.CreditPromotion];
const RUNS = { numRuns: 500 };

const validChangeBalance = {
  caller: { platformId: 'p', operatorId: 'op' },
  userId: 'u1',
  token: null,
  type: 'WIN',
  transactionId: '12345678901234567890',
  roundId: '1',
  roundFinished: true,
  gameId: '200',
  currency: 'EUR',
  amount: '10.00',
  transactionTimestamp: '2026-12-02 10:00:00',
  rake: null,
  reason: 'SPIN',
};

describe('money command decoder, fuzzed', () => {
  it('answers any payload of any money type with a value, never an exception', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), fc.anything(), (type, payload) => {
        const decoded = decodeMoneyCommand(type, payload);
        expect(typeof decoded.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('answers a valid changebalance with one member replaced by anything with a value; an accepted one keeps its ids and amount', () => {
    const members = Object.keys(validChangeBalance);
    fc.assert(
      fc.property(fc.constantFrom(...members), fc.anything(), (member, value) => {
        const decoded = decodeMoneyCommand(WalletCommandType.ChangeBalance, { ...validChangeBalance, [member]: value });
        if (!decoded.ok) {
          expect(decoded.problem.length).toBeGreaterThan(0);
          return;
        }
        if (decoded.value.type !== WalletCommandType.ChangeBalance) throw new Error(decoded.value.type);
        const { command } = decoded.value;
        expect([command.transactionId, command.roundId, command.amount]).toEqual([
          member === 'transactionId' ? value : validChangeBalance.transactionId,
          member === 'roundId' ? value : validChangeBalance.roundId,
          member === 'amount' ? value : validChangeBalance.amount,
        ]);
      }),
      RUNS,
    );
  });

  it('never accepts an amount that is not a decimal string of at most 2 places', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.string(), fc.bigInt().map(String)), (amount) => {
        const decoded = decodeMoneyCommand(WalletCommandType.ChangeBalance, { ...validChangeBalance, amount });
        if (decoded.ok) expect(amount).toMatch(/^\d{1,16}(\.\d{1,2})?$/);
      }),
      RUNS,
    );
  });
});
