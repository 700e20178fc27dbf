import { LedgerEventType } from '@wallet-platform/contracts';
import { readLedgerMessage } from './read-ledger-event';

const applied = {
  eventType: LedgerEventType.GameTransactionApplied,
  platformId: 'plat-a', operatorId: 'casino1', userId: 'alice', transactionId: '12345678901234567890', ledgerTransactionId: '9',
  transactionType: 'WIN', amount: '3.30', currency: 'EUR', gameId: '101', roundId: '1', balanceAfter: '10.00', occurredAt: '2026-12-01T00:00:02.000Z',
};
const read = (event: unknown, eventId: unknown = 'evt-1') => readLedgerMessage(Buffer.from(JSON.stringify({ eventId, event })));

describe('readLedgerMessage', () => {
  it('reads an aggregator transfer as a fact for reconciliation, and refuses one it cannot use exactly', () => {
    const settled = {
      eventType: LedgerEventType.AggregatorTransferChanged, aggregatorId: 'zg', operatorId: 'casino1', userId: 'alice', transferId: '3ab90edc-8c2b-4592-88ca-ddcb539285f4',
      aggregatorUsername: 'wpk3j0a', direction: 'withdraw', state: 'posted', amount: '25.50', currency: 'EUR', aggregatorBalanceBefore: '25.500000000001',
      balanceReadAt: '2026-11-30T10:00:00.123Z', sentAt: '2026-11-30T10:00:00.150Z', ledgerTransactionId: '77', occurredAt: '2026-11-30T10:00:00.400Z',
    };
    const reading = read(settled);
    expect(reading.ok && reading.event.kind === 'aggregator-transfer-changed' && { ...reading.event.fact, amount: reading.event.fact.amount.toDecimalString() }).toEqual({
      aggregatorId: 'zg', operatorId: 'casino1', playerId: 'alice', transferId: '3ab90edc-8c2b-4592-88ca-ddcb539285f4', username: 'wpk3j0a', direction: 'withdraw', state: 'posted',
      amount: '25.50', balanceBefore: '25.500000000001', balanceReadAt: '2026-11-30T10:00:00.123Z', occurredAt: '2026-11-30T10:00:00.400Z',
    });
    expect(read({ ...settled, state: 'unknown' })).toEqual({ ok: false, eventId: 'evt-1', reason: 'state must be pending, posted or voided' });
    expect(read({ ...settled, balanceReadAt: null })).toEqual({ ok: false, eventId: 'evt-1', reason: 'aggregatorBalanceBefore and balanceReadAt come together' });
    expect(read({ ...settled, aggregatorBalanceBefore: '1e3' })).toEqual({ ok: false, eventId: 'evt-1', reason: 'aggregatorBalanceBefore is not a plain decimal' });
    expect(read({ ...settled, amount: '0.00' })).toEqual({ ok: false, eventId: 'evt-1', reason: 'amount of a transfer must be positive' });
  });

  it('reads a game event written before the reporting fields existed: vendor unknown, regular win, day of the commit', () => {
    const reading = read(applied);
    expect(reading.ok && reading.event.kind === 'game-transaction-applied' && {
      day: reading.event.transaction.day, vendor: reading.event.transaction.vendor, payoutKind: reading.event.transaction.payoutKind,
      amount: reading.event.transaction.amount.toDecimalString(), transactionId: reading.event.transaction.key.transactionId,
    }).toEqual({ day: '2026-12-01', vendor: 'unknown', payoutKind: 'regular', amount: '3.30', transactionId: '12345678901234567890' });
  });

  it('takes the day from the platform time when the event carries it, and the payout kind from the reason', () => {
    const reading = read({ ...applied, platformCreatedAt: '2026-11-30 23:59:59', reason: 'PROMO-FREESPIN', vendor: 'netent', rake: '0.0328' });
    expect(reading.ok && reading.event.kind === 'game-transaction-applied' && [reading.event.transaction.day, reading.event.transaction.payoutKind, reading.event.transaction.vendor, reading.event.transaction.rake?.toDecimalString()]).toEqual([
      '2026-11-30', 'free-spin', 'netent', '0.0328',
    ]);
    const jackpot = read({ ...applied, reason: 'MINI_JACKPOT' });
    expect(jackpot.ok && jackpot.event.kind === 'game-transaction-applied' && jackpot.event.transaction.payoutKind).toBe('jackpot');
  });

  it('gives a bet no payout kind, and a cashier operation nothing to report', () => {
    const bet = read({ ...applied, transactionType: 'BET', reason: 'PROMO-FREESPIN' });
    expect(bet.ok && bet.event.kind === 'game-transaction-applied' && bet.event.transaction.payoutKind).toBeNull();
    expect(read({ eventType: LedgerEventType.CashierOperationApplied })).toEqual({ ok: true, event: { kind: 'not-reported', eventId: 'evt-1' } });
  });

  it('reads a promotion credit as a prize of its own: day of the commit, vendor unknown without one, no campaign as empty', () => {
    const credit = { eventType: LedgerEventType.PromotionCreditApplied, platformId: 'plat-a', operatorId: 'casino1', userId: 'alice', awardId: 'award-1', ledgerTransactionId: '9',
      kind: 'TOURNAMENT_WIN', amount: '25.00', currency: 'EUR', campaignCode: null, balanceAfter: '125.00', occurredAt: '2026-11-30T23:59:59.999Z' };
    const reading = read(credit);
    expect(reading.ok && reading.event.kind === 'promotion-credit-applied' && { ...reading.event.credit, amount: reading.event.credit.amount.toDecimalString() }).toEqual({
      platformId: 'plat-a', operatorId: 'casino1', awardId: 'award-1', userId: 'alice', day: '2026-11-30', vendor: 'unknown', currency: 'EUR', kind: 'TOURNAMENT_WIN', campaignCode: '', amount: '25.00',
    });
    expect(read({ ...credit, kind: 'BONUS' })).toEqual({ ok: false, eventId: 'evt-1', reason: 'unknown promotion credit kind "BONUS"' });
    expect(read({ ...credit, amount: '0.00' })).toEqual({ ok: false, eventId: 'evt-1', reason: 'amount of a promotion credit must be positive' });
  });

  it.each([
    [{ ...applied, amount: '1.234' }, 'amount: more than 2 decimal places'],
    [{ ...applied, amount: '-1.00' }, 'amount is negative'],
    [{ ...applied, amount: 1.5 }, 'amount must be a string of 1-64 characters'],
    [{ ...applied, currency: 'eur' }, 'currency is not a currency code'],
    [{ ...applied, transactionType: 'BONUS' }, 'unknown transactionType "BONUS"'],
    [{ ...applied, eventType: 'game-transaction.exploded' }, 'unknown eventType "game-transaction.exploded"'],
    [{ ...applied, platformCreatedAt: '2026-13-45 10:00:00' }, 'occurredAt / platformCreatedAt is not a UTC time'],
    [{ ...applied, transactionId: '123456789012345678901' }, 'transactionId must be a string of 1-20 characters'],
    [{ ...applied, reason: 'R'.repeat(33) }, 'reason must be a string of at most 32 characters'],
  ])('refuses %j with a precise reason', (event, reason) => {
    expect(read(event)).toEqual({ ok: false, eventId: 'evt-1', reason });
  });

  it('refuses a message without a usable event id or value', () => {
    expect(read(applied, 7)).toEqual({ ok: false, eventId: null, reason: 'eventId must be a string of 1-64 characters' });
    expect(readLedgerMessage(Buffer.from('{'))).toEqual({ ok: false, eventId: null, reason: 'message value is not JSON' });
    expect(readLedgerMessage(null)).toEqual({ ok: false, eventId: null, reason: 'message has no value' });
  });
});
