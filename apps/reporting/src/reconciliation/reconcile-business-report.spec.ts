import { reconcileBusinessReport, PlatformReportAmountError, type OurBusinessRow, type PlatformBusinessRow } from './reconcile-business-report';

const ours: OurBusinessRow = { vendor: 'netent', currency: 'EUR', betsSum: '10.00', betsCount: '2', winsSum: '4.00', winsCount: '1', freeSpinWinsSum: '0.00', freeSpinWinsCount: '0', jackpotWinsSum: '0.00', jackpotWinsCount: '0', ggr: '6.00' };
const theirs: PlatformBusinessRow = { vendor: 'netent', currencyCode: 'EUR', betsSum: '10', betsCount: 2, winsSum: '4.0', winsCount: 1, freespinsSum: '0', freespinsCount: 0, jackpotsSum: '0', jackpotsCount: 0, grossGamingRevenue: '6.00' };

describe('reconcileBusinessReport', () => {
  it('is exact by default and accepts differences within a configured tolerance', () => {
    const off = { ...theirs, betsSum: '10.01', grossGamingRevenue: '6.01', betsCount: 3 };
    expect(reconcileBusinessReport([ours], [off]).rows[0].differences.map((d) => d.field)).toEqual(['bets_sum', 'bets_count', 'gross_gaming_revenue']);
    expect(reconcileBusinessReport([ours], [off], { amountMinor: 1n, count: 1n })).toEqual({ status: 'matched', rows: [{ vendor: 'netent', currency: 'EUR', status: 'matched', differences: [] }] });
  });

  it('refuses a report with two rows for one vendor and currency (two entities) rather than keep one', () => {
    expect(() => reconcileBusinessReport([ours], [theirs, { ...theirs, currencyCode: 'eur' }])).toThrow(/more than one row for "netent" EUR/);
  });

  it('refuses a platform amount it cannot read exactly, naming the field', () => {
    expect(() => reconcileBusinessReport([ours], [{ ...theirs, winsSum: '4.005' }])).toThrow(PlatformReportAmountError);
    expect(() => reconcileBusinessReport([ours], [{ ...theirs, winsSum: '4.005' }])).toThrow(/wins_sum "4.005" of EUR: more than 2 decimal places/);
  });
});
