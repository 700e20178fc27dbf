import { createHash } from 'node:crypto';
import { PlatformApiClient } from './platform-api-client';
import { PlatformClientConfigError } from './platform-api-error';
import { platformAuthorizationHeaderFor } from './platform-api-name';

const valid = { platformId: 'acme', apiBaseUrl: 'https://api-host.com', operatorId: 'examplecasino', secretKey: 'secret_key' };

function configRefusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformClientConfigError);
    return (error as PlatformClientConfigError).field;
  }
  throw new Error('expected a PlatformClientConfigError');
}

describe('platform client configuration', () => {
  it('given a valid configuration, then the client is built', () => {
    expect(new PlatformApiClient(valid).platformId).toBe('acme');
  });

  it.each([
    ['plain http to a public host', { apiBaseUrl: 'http://api-host.com' }, 'apiBaseUrl'],
    ['a base URL with a query', { apiBaseUrl: 'https://api-host.com/?x=1' }, 'apiBaseUrl'],
    ['a base URL with credentials', { apiBaseUrl: 'https://user:pw@api-host.com' }, 'apiBaseUrl'],
    ['a relative base URL', { apiBaseUrl: '/api' }, 'apiBaseUrl'],
    ['a plain-http hand-history host', { handHistoryBaseUrl: 'http://handhistory.api-host.com' }, 'handHistoryBaseUrl'],
    ['an empty operator id', { operatorId: '' }, 'operatorId'],
    ['an operator id of 21 characters', { operatorId: 'o'.repeat(21) }, 'operatorId'],
    ['an empty secret', { secretKey: '' }, 'secretKey'],
    ['a platform id with a space', { platformId: 'acme games' }, 'platformId'],
  ])('given %s, then the field is named', (_case, override, field) => {
    expect(configRefusal(() => new PlatformApiClient({ ...valid, ...override }))).toBe(field);
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: 60_001 }, 'timeoutMs'],
    [{ attemptsMax: 0 }, 'attemptsMax'],
    [{ attemptsMax: 6 }, 'attemptsMax'],
    [{ retryDelayBaseMs: 500, retryDelayMaxMs: 100 }, 'retryDelayMaxMs'],
  ])('given request options %j, then %s is named', (options, field) => {
    expect(configRefusal(() => new PlatformApiClient(valid, options))).toBe(field);
  });

  it('given plain http to loopback, then it is allowed (tests, local stack)', () => {
    expect(() => new PlatformApiClient({ ...valid, apiBaseUrl: 'http://127.0.0.1:1234' })).not.toThrow();
  });

  it('given a client, then its serialized form holds neither the secret nor any digest of it', () => {
    const client = new PlatformApiClient(valid);
    const shown = JSON.stringify(client) + String(client);

    expect(shown).not.toContain('secret_key');
    expect(shown).not.toContain(platformAuthorizationHeaderFor('games', 'examplecasino', 'secret_key'));
  });
});

describe('outbound X-Authorization', () => {
  it('is sha1(apiName + operatorId + secretKey) in lowercase hex, for every API', () => {
    for (const name of ['games', 'lobbies', 'businessReport', 'balanceLimits', 'handHistory'] as const) {
      const expected = createHash('sha1').update(`${name}examplecasinosecret_key`).digest('hex');
      expect(platformAuthorizationHeaderFor(name, 'examplecasino', 'secret_key')).toBe(expected);
    }
  });
});
