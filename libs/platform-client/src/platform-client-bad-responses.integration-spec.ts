import type { FakePlatformServer } from './testing/fake-platform-server';
import { GAMES_RESPONSE_BYTES_MAX, RESPONSE_BYTES_MAX } from './platform-client-limits';
import { clientFor, expectNoSecretIn, platformFailure, startFakePlatform } from './testing/platform-client-test-kit';

describe('answers we refuse', () => {
  let fake: FakePlatformServer;

  beforeEach(async () => {
    fake = await startFakePlatform();
  });

  afterEach(() => fake.close());

  it('given invalid JSON, when called, then bad-response after one attempt (a deterministic answer is not retried)', async () => {
    fake.misbehave('games', { kind: 'invalid-json' });

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ call: 'games', kind: 'bad-response', attempts: 1 });
    expect(error.message).toMatch(/^platform "fake-platform": games failed \(bad-response\) after 1 attempt: body is not valid JSON: /);
    expect(fake.requestsTo('games')).toHaveLength(1);
    expectNoSecretIn(error);
  });

  it('given a games body one byte over its bound with Content-Length, when called, then bad-response', async () => {
    fake.misbehave('games', { kind: 'oversized', sizeBytes: GAMES_RESPONSE_BYTES_MAX + 1, declareLength: true });

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ call: 'games', kind: 'bad-response', attempts: 1, reason: `body larger than ${GAMES_RESPONSE_BYTES_MAX} bytes` });
  });

  it('given an oversized chunked body (no Content-Length), when called, then the byte count stops it', async () => {
    fake.misbehave('lobbies', { kind: 'oversized', sizeBytes: 2 * RESPONSE_BYTES_MAX, declareLength: false });

    const error = await platformFailure(clientFor(fake).listLobbies());

    expect(error).toMatchObject({ call: 'lobbies', kind: 'bad-response', attempts: 1, reason: `body larger than ${RESPONSE_BYTES_MAX} bytes` });
  });

  it('given a body exactly at the bound, when called, then it is read (the bound is inclusive)', async () => {
    fake.misbehave('balanceLimits', { kind: 'oversized', sizeBytes: RESPONSE_BYTES_MAX, declareLength: false });

    // The padded body is "{}": it passes the size check and then fails the shape check instead.
    const error = await platformFailure(clientFor(fake).balanceLimits());

    expect(error).toMatchObject({ kind: 'bad-response', reason: '$.enabled: expected 1 or 0, got missing' });
  });

  it('given a well-formed body of the wrong shape, when called, then bad-response naming the field', async () => {
    fake.setFixture('games', '{"games":[{"id":1,"title":"T","platform":"desktop","type":"slots","enabled":"maybe","vendor":"v"}]}');

    const error = await platformFailure(clientFor(fake).listGames());

    expect(error).toMatchObject({ kind: 'bad-response', attempts: 1, reason: '$.games[0].enabled: expected 1 or 0, got "maybe"' });
  });
});
