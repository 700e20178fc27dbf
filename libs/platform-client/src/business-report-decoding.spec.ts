import { decodeBusinessReport } from './business-report-decoder';
import { ResponseShapeError } from './response-fields';
import { parsedFixture } from './testing/parse-fixture';

const VENDOR_EXAMPLE =
  '[{"entity_name":"operatorName","vendor":"slotsXX","currency_code":"EUR","bets_sum":6.1,"bets_count":1,"wins_count":0,"wins_sum":3.30,' +
  '"freespins_sum":0,"freespins_count":0,"jackpots_count":0,"jackpots_sum":0,"gross_gaming_revenue":"2.80","date":"2021-05-03"}]';

function rowJson(members: Record<string, string>): string {
  const all: Record<string, string> = {
    entity_name: '"operatorName"',
    vendor: '"netent"',
    currency_code: '"EUR"',
    bets_sum: '1.2',
    bets_count: '7',
    wins_sum: '0.31',
    wins_count: '0',
    freespins_sum: '0',
    freespins_count: '0',
    jackpots_sum: '0',
    jackpots_count: '0',
    gross_gaming_revenue: '"0.89"',
    date: '"2021-05-03"',
    ...members,
  };
  return `{${Object.entries(all)
    .map(([key, value]) => `"${key}":${value}`)
    .join(',')}}`;
}

describe('business report decoding', () => {
  it('given amounts as numbers and as strings, then every amount keeps its exact text', () => {
    const [row] = decodeBusinessReport(parsedFixture(VENDOR_EXAMPLE), '2021-05-03');

    expect(row).toEqual({
      entityName: 'operatorName',
      vendor: 'slotsXX',
      currencyCode: 'EUR',
      betsSum: '6.1',
      betsCount: 1,
      winsSum: '3.30',
      winsCount: 0,
      freespinsSum: '0',
      freespinsCount: 0,
      jackpotsSum: '0',
      jackpotsCount: 0,
      grossGamingRevenue: '2.80',
      date: '2021-05-03',
    });
  });

  it('given amounts beyond float precision and a negative GGR, then the text is unchanged', () => {
    const [row] = decodeBusinessReport(parsedFixture(`[${rowJson({ bets_sum: '12345678901234567.89', gross_gaming_revenue: '"-0.10"' })}]`), '2021-05-03');

    expect([row.betsSum, row.grossGamingRevenue]).toEqual(['12345678901234567.89', '-0.10']);
  });

  it('given counts as digit strings, then they are read as integers', () => {
    const [row] = decodeBusinessReport(parsedFixture(`[${rowJson({ bets_count: '"42"' })}]`), '2021-05-03');

    expect(row.betsCount).toBe(42);
  });

  it('given an empty day, then no rows', () => {
    expect(decodeBusinessReport(parsedFixture('[]'), '2021-05-03')).toEqual([]);
  });

  it.each([
    ['a count beyond the safe integer range', { bets_count: '9007199254740992' }, '$[0].bets_count'],
    ['a fractional count', { wins_count: '1.0' }, '$[0].wins_count'],
    ['a negative count', { wins_count: '-1' }, '$[0].wins_count'],
    ['an amount with a comma', { wins_sum: '"3,30"' }, '$[0].wins_sum'],
    ['an amount with a leading plus', { bets_sum: '"+1.00"' }, '$[0].bets_sum'],
    ['an amount of null', { jackpots_sum: 'null' }, '$[0].jackpots_sum'],
    ['a missing amount', { freespins_sum: '"" ' }, '$[0].freespins_sum'],
    ['a currency of 5 letters', { currency_code: '"EUROS"' }, '$[0].currency_code'],
    ['a row for another day', { date: '"2021-05-04"' }, '$[0].date'],
  ])('given %s, then the report is refused naming the field', (_case, members, path) => {
    let caught: unknown;
    try {
      decodeBusinessReport(parsedFixture(`[${rowJson(members)}]`), '2021-05-03');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ResponseShapeError);
    expect((caught as ResponseShapeError).path).toBe(path);
  });
});
