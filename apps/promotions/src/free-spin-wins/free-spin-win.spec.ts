import { LedgerEventType } from '@wallet-platform/contracts';
import { freeSpinWinOf } from './free-spin-win';

const WIN = {
  eventType: LedgerEventType.GameTransactionApplied,
  platformId: 'e2e-platform',
  operatorId: 'casino',
  userId: 'player1',
  transactionId: '12345678901234567890',
  ledgerTransactionId: 'lt-1',
  transactionType: 'WIN',
  amount: '12.30',
  currency: 'EUR',
  gameId: '200',
  roundId: '1',
  balanceAfter: '112.30',
  occurredAt: '2026-12-02T05:00:00.000Z',
  reason: 'PROMO-FREESPIN',
  campaignCode: 'spring-2026',
};
const message = (event: Record<string, unknown>) => Buffer.from(JSON.stringify({ eventId: '1', event }));

describe('freeSpinWinOf', () => {
  it('given a PROMO-FREESPIN WIN with a campaign code then it is a free-spin win of that campaign, the 20-digit id exact', () => {
    expect(freeSpinWinOf(message(WIN))).toEqual({
      ledgerTransactionId: 'lt-1',
      campaignCode: 'spring-2026',
      platformId: 'e2e-platform',
      userId: 'player1',
      transactionId: '12345678901234567890',
      amount: '12.30',
      currency: 'EUR',
      occurredAt: '2026-12-02T05:00:00.000Z',
    });
  });

  it('given the cancel of such a WIN then it counts back, negative, under the cancel\'s own ledger transaction', () => {
    expect(freeSpinWinOf(message({ ...WIN, eventType: LedgerEventType.GameTransactionCanceled, ledgerTransactionId: 'lt-2' }))).toMatchObject({ ledgerTransactionId: 'lt-2', amount: '-12.30' });
  });

  it.each([
    ['a SPIN win', { ...WIN, reason: 'SPIN' }],
    ['a free-spin BET', { ...WIN, transactionType: 'BET' }],
    ['no campaign code', { ...WIN, campaignCode: null }],
    ['an empty campaign code', { ...WIN, campaignCode: '' }],
    ['an event written before reasons existed', { ...WIN, reason: undefined }],
    ['a promotion credit', { eventType: LedgerEventType.PromotionCreditApplied, campaignCode: 'spring-2026', amount: '1.00' }],
    ['an amount that is not a DECIMAL(18,2) literal', { ...WIN, amount: '12.3' }],
  ])('given %s then it is not a free-spin win', (_case, event) => {
    expect(freeSpinWinOf(message(event))).toBeNull();
  });

  it('given a value that is not JSON, or none, then it is not a free-spin win (and nothing throws)', () => {
    expect(freeSpinWinOf(Buffer.from('{'))).toBeNull();
    expect(freeSpinWinOf(null)).toBeNull();
  });
});
