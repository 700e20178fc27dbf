import { AMOUNT_SCALE, Money, currencyCodeOf } from '@wallet-platform/money';
import { ExpectedBalanceBook } from './expected-balance-book';

const EUR = currencyCodeOf('EUR');
const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, EUR);

describe('expected balance bookkeeping (bigint minor units)', () => {
  let book: ExpectedBalanceBook;

  beforeEach(() => {
    book = new ExpectedBalanceBook();
    book.open('p1', eur('100.00'));
  });

  it('given BET 0.1 and BET 0.2 answered OK, when booked, then the expected balance is exactly 99.70', () => {
    book.applied('p1', '1', eur('-0.1'));
    book.applied('p1', '2', eur('-0.2'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('99.70');
  });

  it('given a BET answered OK three times (identical retries), when booked, then it is applied once', () => {
    for (let attempt = 0; attempt < 3; attempt++) book.applied('p1', '1', eur('-2.50'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('97.50');
    expect(book.anomalyCount).toBe(0);
  });

  it('given a refused BET (OP_31), when booked, then nothing changes', () => {
    book.refused('p1', '1', eur('-500.00'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('100.00');
  });

  it('given an applied BET then CANCELED twice, when booked, then the stake comes back exactly once', () => {
    book.applied('p1', '1', eur('-2.00'));
    book.canceled('p1', '1', eur('-2.00'));
    book.canceled('p1', '1', eur('-2.00'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('100.00');
  });

  it('given a BET answered OP_47 (unknown) and then CANCELED, when booked, then the balance is as before', () => {
    book.canceled('p1', '1', eur('-2.00'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('100.00');
  });

  it('given a cancel before the BET and then the BET answered OK, when booked, then it is counted (as the operator said) and flagged', () => {
    book.canceled('p1', '1', eur('-2.00'));
    book.applied('p1', '1', eur('-2.00'));
    expect(book.expectedOf('p1').toDecimalString()).toBe('98.00');
    expect(book.anomalies).toEqual([{ userId: 'p1', transactionId: '1', what: 'OK after it was canceled' }]);
  });

  it('given one id booked with two amounts, when booked, then the simulator fails loudly (its own bug)', () => {
    book.applied('p1', '1', eur('-2.00'));
    expect(() => book.applied('p1', '1', eur('-2.01'))).toThrow('transaction 1 booked with two different amounts');
  });

  it('given a live balance 0.01 above the book, when compared, then the difference is reported exactly', () => {
    book.applied('p1', '1', eur('-1.00'));
    expect(book.compare('p1', eur('99.01'))).toEqual({ userId: 'p1', expected: '99.00', actual: '99.01', difference: '0.01' });
    expect(book.compare('p1', eur('99.00'))).toBeNull();
  });

  it('given a WIN without an answer, when the player is marked uncertain, then it is listed with the reason once', () => {
    book.markUncertain('p1', 'WIN 7 unanswered');
    book.markUncertain('p1', 'later reason');
    expect(book.uncertainPlayers()).toEqual([{ userId: 'p1', reason: 'WIN 7 unanswered' }]);
  });
});
