import { createHash } from 'node:crypto';
import { PlatformApiClient } from '../platform-api-client';
import type { PlatformRequestOptions } from '../platform-api-config';
import { PlatformApiError } from '../platform-api-error';
import { FakePlatformServer, type FakePlatformServerOptions } from './fake-platform-server';

export const TEST_PLATFORM_ID = 'fake-platform';
export const TEST_OPERATOR_ID = 'examplecasino';
/** Distinctive, so a test can assert it never appears in an error message. */
export const TEST_SECRET_KEY = 'TopSecretKey-4f9c2e';

/** sha1(name + operatorId + secret), computed here on its own rather than with the code under test. */
export function expectedAuthorization(apiName: string): string {
  return createHash('sha1').update(`${apiName}${TEST_OPERATOR_ID}${TEST_SECRET_KEY}`, 'utf8').digest('hex');
}

export function startFakePlatform(fixtures: FakePlatformServerOptions['fixtures'] = {}): Promise<FakePlatformServer> {
  return FakePlatformServer.start({ operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY, fixtures });
}

/** Short retry delays keep the suites fast; the bounds and the loop are the production ones. */
export const FAST_RETRIES: PlatformRequestOptions = { timeoutMs: 2_000, attemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 };

export function clientFor(fake: FakePlatformServer, options: PlatformRequestOptions = FAST_RETRIES, secretKey = TEST_SECRET_KEY): PlatformApiClient {
  return new PlatformApiClient({ platformId: TEST_PLATFORM_ID, apiBaseUrl: fake.baseUrl, operatorId: TEST_OPERATOR_ID, secretKey }, options);
}

/** The rejection of `promise`, which must be a PlatformApiError. */
export async function platformFailure(promise: Promise<unknown>): Promise<PlatformApiError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof PlatformApiError)) {
    throw new Error(`expected a PlatformApiError, got ${String(caught)}`);
  }
  return caught;
}

/** Nothing derived from the secret may reach a message a log could keep. */
export function expectNoSecretIn(error: Error): void {
  const shown = `${error.message} ${String(error.stack)} ${JSON.stringify(error)}`;
  for (const name of ['games', 'lobbies', 'businessReport', 'balanceLimits', 'handHistory']) {
    if (shown.includes(expectedAuthorization(name))) {
      throw new Error(`error text contains the ${name} X-Authorization value`);
    }
  }
  if (shown.includes(TEST_SECRET_KEY)) {
    throw new Error('error text contains the secret key');
  }
}
