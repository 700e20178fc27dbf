import type { FakePlatformServer } from './testing/fake-platform-server';
import { PlatformApiArgumentError } from './platform-api-client';
import { clientFor, expectedAuthorization, startFakePlatform, TEST_OPERATOR_ID } from './testing/platform-client-test-kit';

describe('balance limits over HTTP', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform();
  });

  afterEach(() => fake.close());

  it('given no limit, when asked without currencies, then no query string and enabled false', async () => {
    const limits = await clientFor(fake).balanceLimits();

    const [request] = fake.requests;
    expect([request.path, request.rawQuery]).toEqual(['/api/generic/balanceLimits', '']);
    expect(request.headers['x-operator-id']).toBe(TEST_OPERATOR_ID);
    expect(request.headers['x-authorization']).toBe(expectedAuthorization('balanceLimits'));
    expect(limits).toEqual({ enabled: false });
  });

  it('given limits, when asked for GBP and EUR, then "currencies=GBP,EUR" as in the spec, and balances exact', async () => {
    fake.setFixture(
      'balanceLimits',
      '{"enabled":true,"currency":"USD","available_balance":107881.02,"currencies":{"GBP":{"available_balance":86347.97},' +
        '"EUR":{"available_balance":99164.20}},"limit_exceeded":false}',
    );

    const limits = await clientFor(fake).balanceLimits(['GBP', 'EUR']);

    expect(fake.requests[0].rawQuery).toBe('currencies=GBP,EUR');
    expect(limits).toEqual({
      enabled: true,
      currency: 'USD',
      availableBalance: '107881.02',
      currencies: { GBP: { availableBalance: '86347.97' }, EUR: { availableBalance: '99164.20' } },
      limitExceeded: false,
    });
  });

  it('given a currency that is not a code, when asked, then it is refused before any request, naming it', async () => {
    await expect(clientFor(fake).balanceLimits(['GBP', 'eur'])).rejects.toThrow(new PlatformApiArgumentError('currencies[1]', 'expected 3 or 4 characters of [A-Z0-9]'));
    expect(fake.requests).toHaveLength(0);
  });
});
