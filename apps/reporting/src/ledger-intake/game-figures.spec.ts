import { AMOUNT_SCALE, currencyCodeOf, Money, RAKE_SCALE } from '@wallet-platform/money';
import { addGameTransaction, addPlayerTransaction, FiguresByKey, zeroDailyGameFigures, zeroPlayerDayFigures } from './game-figures';
import type { ReportedTransaction } from './reportable-event';

const EUR = currencyCodeOf('EUR');
const transaction = (overrides: Partial<ReportedTransaction>): ReportedTransaction => ({
  key: { platformId: 'p', operatorId: 'o', transactionId: '1' }, userId: 'u', day: '2026-11-30', vendor: 'netent', gameId: '101', currency: EUR,
  transactionType: 'BET', payoutKind: null, amount: Money.parseOrThrow('2.50', AMOUNT_SCALE, EUR), rake: null, ...overrides,
});
const text = (figures: object) => Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, value instanceof Money ? value.toDecimalString() : String(value)]));

describe('game figures', () => {
  it('takes a canceled win out of its kind and counts it among the canceled wins, rake included', () => {
    const figures = zeroDailyGameFigures(EUR);
    const jackpot = transaction({ transactionType: 'WIN', payoutKind: 'jackpot', amount: Money.parseOrThrow('50.00', AMOUNT_SCALE, EUR), rake: Money.parseOrThrow('0.0328', RAKE_SCALE, EUR) });
    addGameTransaction(figures, jackpot, 'applied');
    expect(text(figures)).toMatchObject({ jackpotWinsSum: '50.00', jackpotWinsCount: '1', rakeSum: '0.0328', canceledWinsCount: '0' });
    addGameTransaction(figures, jackpot, 'canceled');
    expect(text(figures)).toMatchObject({ jackpotWinsSum: '0.00', jackpotWinsCount: '0', rakeSum: '0.0000', canceledWinsSum: '50.00', canceledWinsCount: '1' });
  });

  it('counts a canceled bet and refund apart, and every win kind together for the player', () => {
    const figures = zeroDailyGameFigures(EUR);
    const player = zeroPlayerDayFigures(EUR);
    for (const t of [transaction({}), transaction({ transactionType: 'REFUND' }), transaction({ transactionType: 'WIN', payoutKind: 'free-spin' })]) {
      addGameTransaction(figures, t, 'applied');
      addPlayerTransaction(player, t, 'applied');
    }
    addGameTransaction(figures, transaction({}), 'canceled');
    addGameTransaction(figures, transaction({ transactionType: 'REFUND' }), 'canceled');
    addPlayerTransaction(player, transaction({}), 'canceled');
    expect(text(figures)).toMatchObject({ betsSum: '0.00', betsCount: '0', canceledBetsSum: '2.50', refundsCount: '0', canceledRefundsCount: '1', freeSpinWinsSum: '2.50' });
    expect(text(player)).toEqual({ betsSum: '0.00', betsCount: '0', winsSum: '2.50', winsCount: '1', refundsSum: '2.50', refundsCount: '1' });
  });

  it('refuses a WIN without a payout kind: a broken invariant, not a figure', () => {
    expect(() => addGameTransaction(zeroDailyGameFigures(EUR), transaction({ transactionType: 'WIN' }), 'applied')).toThrow(/no payout kind/);
  });

  it('hands rows out in key order, one per key', () => {
    const rows = new FiguresByKey<{ day: string; vendor: string }, { n: number }>(() => ({ n: 0 }));
    rows.figuresOf({ day: '2026-11-30', vendor: 'slotsxx' }).n += 1;
    rows.figuresOf({ day: '2026-11-29', vendor: 'netent' }).n += 1;
    rows.figuresOf({ day: '2026-11-30', vendor: 'slotsxx' }).n += 1;
    expect(rows.sorted()).toEqual([
      { key: { day: '2026-11-29', vendor: 'netent' }, figures: { n: 1 } },
      { key: { day: '2026-11-30', vendor: 'slotsxx' }, figures: { n: 2 } },
    ]);
  });
});
