import type { FakePlatformServer } from './testing/fake-platform-server';
import { clientFor, expectNoSecretIn, platformFailure, startFakePlatform } from './testing/platform-client-test-kit';

describe('timeouts', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform();
  });

  afterEach(() => fake.close());

  it('given a platform slower than the deadline, when called, then timeout after every bounded attempt', async () => {
    fake.misbehave('lobbies', { kind: 'delay', delayMs: 1_000 });
    const startedMs = Date.now();

    const error = await platformFailure(clientFor(fake, { timeoutMs: 150, attemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 }).listLobbies());

    expect(error).toMatchObject({ call: 'lobbies', kind: 'timeout', attempts: 3 });
    expect(error.httpStatus).toBeUndefined();
    expect(error.message).toBe('platform "fake-platform": lobbies failed (timeout) after 3 attempts: no complete answer within 150 ms');
    expect(fake.requestsTo('lobbies')).toHaveLength(3);
    // Three deadlines and two short pauses: well under one delayed answer times three.
    expect(Date.now() - startedMs).toBeLessThan(1_500);
    expectNoSecretIn(error);
  });

  it('given one slow answer, when called, then the retry succeeds', async () => {
    fake.misbehave('balanceLimits', { kind: 'delay', delayMs: 1_000, times: 1 });

    await expect(clientFor(fake, { timeoutMs: 150, attemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 }).balanceLimits()).resolves.toEqual({ enabled: false });
    expect(fake.requestsTo('balanceLimits')).toHaveLength(2);
  });
});
