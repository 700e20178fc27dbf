import type { FakePlatformServer } from './testing/fake-platform-server';
import { clientFor, expectNoSecretIn, FAST_RETRIES, platformFailure, startFakePlatform, TEST_PLATFORM_ID } from './testing/platform-client-test-kit';

describe('wrong credentials', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform();
  });

  afterEach(() => fake.close());

  it('given a wrong secret, when games are listed, then 403 is an http-status error after one attempt (never retried)', async () => {
    const error = await platformFailure(clientFor(fake, FAST_RETRIES, 'wrong-secret').listGames());

    expect(error).toMatchObject({ platformId: TEST_PLATFORM_ID, call: 'games', kind: 'http-status', httpStatus: 403, attempts: 1 });
    expect(error.message).toBe('platform "fake-platform": games failed (http-status) after 1 attempt: HTTP 403');
    expect(fake.requests.map((request) => request.answeredStatus)).toEqual([403]);
    expectNoSecretIn(error);
  });
});
