import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { PlatformApiClient } from './platform-api-client';
import type { FakePlatformServer } from './testing/fake-platform-server';
import { clientFor, expectNoSecretIn, FAST_RETRIES, platformFailure, startFakePlatform, TEST_OPERATOR_ID, TEST_SECRET_KEY } from './testing/platform-client-test-kit';

describe('retries', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform({ games: '{"games":[]}' });
  });

  afterEach(() => fake.close());

  it('given 500 twice then 200, when called, then success on the third attempt', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 500, times: 2 });

    await expect(clientFor(fake).listGames()).resolves.toEqual([]);
    expect(fake.requestsTo('games').map((request) => request.answeredStatus)).toEqual([500, 500, 200]);
  });

  it('given 429 once, when called, then it is retried', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 429, times: 1 });

    await expect(clientFor(fake).listGames()).resolves.toEqual([]);
    expect(fake.requestsTo('games').map((request) => request.answeredStatus)).toEqual([429, 200]);
  });

  it('given 503 on every attempt, when called, then http-status 503 after exactly attemptsMax', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 503 });

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ call: 'games', kind: 'http-status', httpStatus: 503, attempts: 3 });
    expect(fake.requestsTo('games')).toHaveLength(3);
  });

  it('given 404, when called, then it is not retried', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 404 });

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ call: 'games', kind: 'http-status', httpStatus: 404, attempts: 1 });
    expect(fake.requestsTo('games')).toHaveLength(1);
  });

  it('given a redirect, when called, then it is not followed (it would carry our credential elsewhere)', async () => {
    fake.misbehave('games', { kind: 'status', httpStatus: 302 });

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ kind: 'http-status', httpStatus: 302, attempts: 1 });
  });

  it('given nothing listening, when called, then network error after every attempt, naming platform and call', async () => {
    const closedPort = await freePort();
    const client = new PlatformApiClient(
      { platformId: 'down-platform', apiBaseUrl: `http://127.0.0.1:${closedPort}`, operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY },
      FAST_RETRIES,
    );

    const error = await platformFailure(client.businessReport('2021-05-03'));

    expect(error).toMatchObject({ platformId: 'down-platform', call: 'businessReport', kind: 'network', attempts: 3 });
    expect(error.message).toMatch(/^platform "down-platform": businessReport failed \(network\) after 3 attempts: no answer: ECONNREFUSED/);
    expectNoSecretIn(error);
  });
});

/** A port that was free a moment ago and now has no listener. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
