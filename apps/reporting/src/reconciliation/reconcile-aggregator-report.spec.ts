import { NotComparableReason, ReconciliationRowStatusV2, ReconciliationStatus } from '@wallet-platform/contracts';
import { EXACT_TOLERANCE } from './reconcile-business-report';
import { needsReport, reconcileAggregatorDay, type AggregatorPlayerDay, type TransferFactRow } from './reconcile-aggregator-report';
import { formatReportDecimal, parseReportDecimal } from './report-decimal';

let sequence = 0;
const transfer = (direction: 'deposit' | 'withdraw', amount: string, balanceBefore: string | null, at: string, state: TransferFactRow['state'] = 'posted'): TransferFactRow => ({
  transferId: `t${++sequence}`,
  direction,
  state,
  amount,
  balanceBefore,
  balanceReadAt: balanceBefore === null ? null : `2026-11-30T${at}Z`,
});
const player = (userId: string, transfersOfDay: TransferFactRow[], extra: Partial<AggregatorPlayerDay> = {}): AggregatorPlayerDay => ({
  userId,
  username: `zg${userId}`,
  currency: 'EUR',
  transfersOfDay,
  lastBefore: null,
  ...extra,
});
const reports = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([username, playerWinLoss]) => [username, { playerWinLoss }]));

describe('reconcileAggregatorDay', () => {
  // Deposit 50 (nothing there), play to 42.30, withdraw it all: the player lost 7.70.
  const session = () => [transfer('deposit', '50.00', '0.00', '09:00:00.000'), transfer('withdraw', '42.30', '42.30', '10:30:00.000')];

  it('matches the report when the balances and transfers imply its playerWinLoss exactly', () => {
    const result = reconcileAggregatorDay([player('p1', session())], reports({ zgp1: '-7.7000000000' }), 'EUR', EXACT_TOLERANCE);
    expect(result).toEqual({ status: ReconciliationStatus.Matched, rows: [], matched: 1 });
  });

  it('flags a difference with the exact player, field and amount (aggregator − ours)', () => {
    const result = reconcileAggregatorDay([player('p1', session()), player('p2', session())], reports({ zgp1: '-7.70', zgp2: '-5.2000000001' }), 'EUR', EXACT_TOLERANCE);
    expect(result.status).toBe(ReconciliationStatus.Mismatched);
    expect(result.matched).toBe(1);
    expect(result.rows).toEqual([
      { player: { userId: 'p2', username: 'zgp2' }, currency: 'EUR', status: ReconciliationRowStatusV2.Mismatched, differences: [{ field: 'playerWinLoss', ours: '-7.70', platform: '-5.2000000001', difference: '2.4999999999' }] },
    ]);
  });

  it('sums several sessions of a day, and a voided transfer moved nothing', () => {
    // Session 1: −7.70. Session 2: a deposit of 20 voided (its reading 0.00), a deposit of 20, a win to 31.05, withdrawn: +11.05.
    const transfers = [
      ...session(),
      transfer('deposit', '20.00', '0.00', '12:00:00.000', 'voided'),
      transfer('deposit', '20.00', '0.00', '12:01:00.000'),
      transfer('withdraw', '31.05', '31.05', '13:00:00.000'),
    ];
    expect(reconcileAggregatorDay([player('p1', transfers)], reports({ zgp1: '3.35' }), 'EUR', EXACT_TOLERANCE).status).toBe(ReconciliationStatus.Matched);
    const off = reconcileAggregatorDay([player('p1', transfers)], reports({ zgp1: '3.34' }), 'EUR', EXACT_TOLERANCE);
    expect(off.rows[0]?.differences).toEqual([{ field: 'playerWinLoss', ours: '3.35', platform: '3.34', difference: '-0.01' }]);
    expect(reconcileAggregatorDay([player('p1', transfers)], reports({ zgp1: '3.34' }), 'EUR', { amountMinor: 1n, count: 0n }).status).toBe(ReconciliationStatus.Matched);
  });

  it('lists players it cannot compare exactly, with the reason, without making the day mismatched', () => {
    const players = [
      player('c1', session(), { currency: 'IDR' }),
      player('o1', [transfer('deposit', '50.00', null, '', 'pending')]),
      player('s1', [transfer('deposit', '50.00', '3.00', '09:00:00.000'), transfer('withdraw', '45.00', '45.00', '10:00:00.000')]),
      player('s2', session(), { lastBefore: transfer('deposit', '10.00', '0.00', '23:00:00.000') }),
      player('l1', [transfer('deposit', '50.00', '0.00', '22:00:00.000')]),
      player('n1', [], { lastBefore: transfer('deposit', '10.00', '0.00', '23:00:00.000') }),
    ];
    const result = reconcileAggregatorDay(players, reports({ zgs1: '-8.00', zgs2: '-7.70', zgl1: '-1.00', zgn1: '-2.00' }), 'EUR', EXACT_TOLERANCE);
    expect(result.status).toBe(ReconciliationStatus.Matched);
    expect(result.rows.map((row) => [row.player.userId, row.status, row.reason])).toEqual([
      ['c1', 'not-comparable', NotComparableReason.Currency],
      ['l1', 'not-comparable', NotComparableReason.MoneyLeftThere],
      ['n1', 'not-comparable', NotComparableReason.NoReading],
      ['o1', 'not-comparable', NotComparableReason.TransferOpen],
      ['s1', 'not-comparable', NotComparableReason.MoneyThereAtStart],
      ['s2', 'not-comparable', NotComparableReason.MoneyThereAtStart],
    ]);
    expect(needsReport(players[0] as AggregatorPlayerDay, 'EUR')).toBe(false);
    expect(needsReport(players[1] as AggregatorPlayerDay, 'EUR')).toBe(false);
    expect(needsReport(players[2] as AggregatorPlayerDay, 'EUR')).toBe(true);
  });

  it('a player with nothing there and no transfer: no play is possible, so reported play is a mismatch; none is nothing', () => {
    const idle = player('i1', [], { lastBefore: transfer('withdraw', '10.00', '10.00', '20:00:00.000') });
    expect(reconcileAggregatorDay([idle], reports({ zgi1: '0' }), 'EUR', EXACT_TOLERANCE)).toEqual({ status: 'matched', rows: [], matched: 0 });
    expect(reconcileAggregatorDay([idle], reports({ zgi1: '-1.5' }), 'EUR', EXACT_TOLERANCE).rows).toEqual([
      { player: { userId: 'i1', username: 'zgi1' }, currency: 'EUR', status: 'mismatched', differences: [{ field: 'playerWinLoss', ours: '0.00', platform: '-1.50', difference: '-1.50' }] },
    ]);
  });

  it('refuses a figure it cannot read exactly, never rounding it', () => {
    expect(() => reconcileAggregatorDay([player('p1', session())], reports({ zgp1: '-7.7e0' }), 'EUR', EXACT_TOLERANCE)).toThrow(/playerWinLoss of zgp1/);
    expect(() => parseReportDecimal('0.1234567890123456789', 'x')).toThrow(/at most 18 places/);
    expect(formatReportDecimal(parseReportDecimal('-0.3771380888', 'x'))).toBe('-0.3771380888');
    expect(formatReportDecimal(parseReportDecimal('12', 'x'))).toBe('12.00');
  });
});
