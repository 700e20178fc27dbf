import type { FakePlatformServer } from './testing/fake-platform-server';
import { PlatformApiArgumentError } from './platform-api-client';
import { clientFor, expectedAuthorization, startFakePlatform, TEST_OPERATOR_ID } from './testing/platform-client-test-kit';

describe('business report over HTTP', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform({
      businessReport: (request) =>
        `[{"entity_name":"operatorName","vendor":"slotsXX","currency_code":"EUR","bets_sum":6.1,"bets_count":1,"wins_count":0,` +
        `"wins_sum":3.30,"freespins_sum":"0.00","freespins_count":"0","jackpots_count":0,"jackpots_sum":0,"gross_gaming_revenue":"2.80",` +
        `"date":"${request.query['date']}"}]`,
    });
  });

  afterEach(() => fake.close());

  it('given a day, when the report is fetched, then ?date= is sent and amounts keep their exact text', async () => {
    const rows = await clientFor(fake).businessReport('2021-05-03');

    const [request] = fake.requests;
    expect([request.path, request.rawQuery]).toEqual(['/api/generic/businessReport', 'date=2021-05-03']);
    expect(request.headers['x-operator-id']).toBe(TEST_OPERATOR_ID);
    expect(request.headers['x-authorization']).toBe(expectedAuthorization('businessReport'));
    expect(rows).toEqual([
      {
        entityName: 'operatorName',
        vendor: 'slotsXX',
        currencyCode: 'EUR',
        betsSum: '6.1',
        betsCount: 1,
        winsSum: '3.30',
        winsCount: 0,
        freespinsSum: '0.00',
        freespinsCount: 0,
        jackpotsSum: '0',
        jackpotsCount: 0,
        grossGamingRevenue: '2.80',
        date: '2021-05-03',
      },
    ]);
  });

  it('given a date that is not YYYY-MM-DD, when asked, then it is refused before any request', async () => {
    await expect(clientFor(fake).businessReport('03/05/2021')).rejects.toBeInstanceOf(PlatformApiArgumentError);
    await expect(clientFor(fake).businessReport('2021-02-29')).rejects.toThrow('date: expected a YYYY-MM-DD calendar date');
    expect(fake.requests).toHaveLength(0);
  });
});
