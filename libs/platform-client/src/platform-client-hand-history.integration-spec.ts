import { PlatformApiClient } from './platform-api-client';
import type { FakePlatformServer } from './testing/fake-platform-server';
import { clientFor, expectedAuthorization, FAST_RETRIES, startFakePlatform, TEST_OPERATOR_ID, TEST_SECRET_KEY } from './testing/platform-client-test-kit';
import { jsonText } from './platform-json';

const HAND_JSON =
  '{"success":true,"data":{"id":"1682880c76095f979a63d0b4","participants":[{"bets":[{"stake":3000,"payout":3000,"transactionId":"621498377245476221"}]}]},"type":"json"}';

describe('hand history over HTTP', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform({ handHistory: HAND_JSON });
  });

  afterEach(() => fake.close());

  it('given a transaction, when its hand is fetched, then both ids are path segments and X-Vendor-Id is sent', async () => {
    const hand = await clientFor(fake).handHistory({ transactionId: '12345678901234567890', historyId: '350-a1Basdf', vendorId: 'evolution' });

    const [request] = fake.requests;
    expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/api/generic/handHistory/12345678901234567890/350-a1Basdf', '']);
    expect(request.handHistory).toEqual({ transactionId: '12345678901234567890', historyId: '350-a1Basdf' });
    expect(request.headers['x-operator-id']).toBe(TEST_OPERATOR_ID);
    expect(request.headers['x-authorization']).toBe(expectedAuthorization('handHistory'));
    expect(request.headers['x-vendor-id']).toBe('evolution');
    expect(jsonText(hand)).toBe(HAND_JSON);
  });

  it('given a history id with "/" and "?", when fetched, then it stays one encoded path segment', async () => {
    await clientFor(fake).handHistory({ transactionId: '111', historyId: 'a/b?c', vendorId: 'netent' });

    expect(fake.requests[0].path).toBe('/api/generic/handHistory/111/a%2Fb%3Fc');
    expect(fake.requests[0].handHistory).toEqual({ transactionId: '111', historyId: 'a/b?c' });
  });

  it('given a separate hand-history host, when fetched, then that host is called', async () => {
    const other = await startFakePlatform({ handHistory: HAND_JSON });
    try {
      const client = new PlatformApiClient(
        { platformId: 'split', apiBaseUrl: fake.baseUrl, handHistoryBaseUrl: other.baseUrl, operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY },
        FAST_RETRIES,
      );

      await client.handHistory({ transactionId: '111', historyId: '350-a1Basdf', vendorId: 'evolution' });

      expect([fake.requests.length, other.requests.length]).toEqual([0, 1]);
    } finally {
      await other.close();
    }
  });

  it('given a non-numeric transaction id or an empty vendor, when asked, then refused before any request', async () => {
    await expect(clientFor(fake).handHistory({ transactionId: '12a', historyId: 'h', vendorId: 'v' })).rejects.toThrow('transactionId:');
    await expect(clientFor(fake).handHistory({ transactionId: '1', historyId: 'h', vendorId: '' })).rejects.toThrow('vendorId:');
    expect(fake.requests).toHaveLength(0);
  });

  it('given the platform answers a JSON array, when fetched, then bad-response (the spec answer is an object)', async () => {
    fake.setFixture('handHistory', '[]');

    await expect(clientFor(fake).handHistory({ transactionId: '1', historyId: 'h', vendorId: 'v' })).rejects.toMatchObject({ kind: 'bad-response', call: 'handHistory' });
  });
});
