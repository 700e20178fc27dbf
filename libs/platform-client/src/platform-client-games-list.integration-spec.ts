import type { FakePlatformServer } from './testing/fake-platform-server';
import { PlatformApiClient } from './platform-api-client';
import { clientFor, expectedAuthorization, FAST_RETRIES, startFakePlatform, TEST_OPERATOR_ID, TEST_SECRET_KEY } from './testing/platform-client-test-kit';
import { jsonText } from './platform-json';

describe('games list over HTTP', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform({
      games:
        '{"games":[' +
        '{"id":12345678901234567890,"title":"Apocalypse Slot","platform":"desktop","type":"slots","enabled":1,"fun_mode":1,"campaigns":1,' +
        '"vendor":"test1","created_at":"2024-05-10","details":{"rtp":96.10,"description":{"en":"A dark knight rides a horse."}}},' +
        '{"id":"99999999999999999999","title":"Old Roulette","platform":"mobile","type":"roulette","enabled":0,"fun_mode":0,"vendor":"test2"}' +
        ']}',
    });
  });

  afterEach(() => fake.close());

  it('given a catalog, when listed, then one GET with our exact headers and every game typed, ids exact', async () => {
    const games = await clientFor(fake).listGames();

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect([request.method, request.path, request.rawQuery]).toEqual(['GET', '/api/generic/games/list/all', '']);
    expect(request.headers['x-operator-id']).toBe(TEST_OPERATOR_ID);
    expect(request.headers['x-authorization']).toBe(expectedAuthorization('games'));
    expect(request.headers['x-vendor-id']).toBeUndefined();

    expect(games.map((game) => ({ ...game, details: game.details === null ? null : jsonText(game.details) }))).toEqual([
      {
        id: '12345678901234567890',
        title: 'Apocalypse Slot',
        platform: 'desktop',
        type: 'slots',
        enabled: true,
        funMode: true,
        campaigns: true,
        vendor: 'test1',
        createdAt: '2024-05-10',
        details: '{"rtp":96.10,"description":{"en":"A dark knight rides a horse."}}',
      },
      {
        id: '99999999999999999999',
        title: 'Old Roulette',
        platform: 'mobile',
        type: 'roulette',
        enabled: false,
        funMode: false,
        campaigns: false,
        vendor: 'test2',
        createdAt: null,
        details: null,
      },
    ]);
  });

  it('given an API base URL with a path prefix, when listed, then the documented path follows the prefix', async () => {
    const client = new PlatformApiClient({ platformId: 'prefixed', apiBaseUrl: `${fake.baseUrl}/platform-x/`, operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY }, FAST_RETRIES);

    // The fake serves no prefix, so it answers 404, which also shows a 404 is not retried.
    await expect(client.listGames()).rejects.toMatchObject({ kind: 'http-status', httpStatus: 404, attempts: 1 });
    expect(fake.requests.map((request) => request.path)).toEqual(['/platform-x/api/generic/games/list/all']);
  });
});
