import { Agent } from 'undici';
import { AggregatorClient, type AggregatorLimits } from '../aggregator-client';

/** This lib's test ports: 18520 (the fake), 18521 (nothing listens). */
export const AGGREGATOR_TEST_PORT = 18520;
export const AGGREGATOR_CLOSED_PORT = 18521;
export const TEST_API_KEY = 'AggregatorKey-7d1e0c5b';
export const FAST_LIMITS: AggregatorLimits = { readTimeoutMs: 1_000, transferTimeoutMs: 300, readAttemptsMax: 3, retryDelayBaseMs: 5, retryDelayMaxMs: 20 };

const agents: Agent[] = [];

/** One connection pool per test, so a socket kept alive to the previous test's fake cannot fail the next call. */
export function aggregatorClientFor(baseUrl: string, apiKey = TEST_API_KEY, limits: AggregatorLimits = FAST_LIMITS): AggregatorClient {
  const dispatcher = new Agent({ connections: 4 });
  agents.push(dispatcher);
  return new AggregatorClient({ aggregatorId: 'zg', apiBaseUrl: baseUrl, apiKey, currencies: ['EUR', 'IDR'], limits }, { dispatcher });
}

export async function closeAggregatorClients(): Promise<void> {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
}

export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      if (`${error.message} ${String(error.stack)} ${JSON.stringify(error)}`.includes(TEST_API_KEY)) {
        throw new Error('the API key reached an error');
      }
      return error;
    }
  }
  throw new Error('expected a rejection');
}
