import { Agent } from 'undici';
import { OutboundHttpError } from '../outbound-http-error';
import { OutboundHttpClient } from '../outbound-http-client';
import { Repeatability, type RetryPolicy } from '../retry-policy';
import type { OutboundRequest } from '../outbound-http-client';

/** Ports of this lib's own tests (the suite's range is 18500-18549; the aggregator client uses 18520 and up). */
export const HTTP_CLIENT_TEST_PORT = 18500;
/** Nothing ever listens here during these tests. */
export const HTTP_CLIENT_CLOSED_PORT = 18501;

/** Distinctive, so a test can assert it never appears in an error. */
export const TEST_BEARER = 'Bearer TopSecretApiKey-93be1f';

export const FAST_RETRIES: RetryPolicy = { attemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 };

const openAgents: Agent[] = [];

/**
 * Each test gets its own connection pool: a kept-alive socket to the previous test's server (same
 * port, now closed) would otherwise turn the next test's first attempt into a connection failure.
 */
export function testClient(retryPolicy: RetryPolicy = FAST_RETRIES): OutboundHttpClient {
  const agent = new Agent({ connections: 4 });
  openAgents.push(agent);
  return new OutboundHttpClient({ remoteId: 'test-remote', retryPolicy, dispatcher: agent });
}

export async function closeTestClients(): Promise<void> {
  await Promise.all(openAgents.splice(0).map((agent) => agent.close()));
}

export function readCall(baseUrl: string, overrides: Partial<OutboundRequest> = {}): OutboundRequest {
  return {
    call: 'getThing',
    method: 'POST',
    url: `${baseUrl}/getThing`,
    headers: { Authorization: TEST_BEARER, 'Content-Type': 'application/json' },
    body: '{"id":"1"}',
    timeoutMs: 2_000,
    responseBytesMax: 1024,
    repeatability: Repeatability.SafeToRepeat,
    ...overrides,
  };
}

export async function outboundFailure(promise: Promise<unknown>): Promise<OutboundHttpError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  if (!(caught instanceof OutboundHttpError)) {
    throw new Error(`expected an OutboundHttpError, got ${String(caught)}`);
  }
  const shown = `${caught.message} ${String(caught.stack)} ${JSON.stringify(caught)}`;
  if (shown.includes('TopSecretApiKey')) {
    throw new Error('error text contains the credential');
  }
  return caught;
}
