import { AggregatorClient } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer } from '@wallet-platform/aggregator-client/testing';
import { Agent } from 'undici';
import { FreeRoundsProviderName } from '../domain/campaign';
import type { AggregatorFreeRoundsSettings } from '../providers/aggregator-free-rounds.provider';
import { newCampaign } from './campaign-test-kit';
import type { NewCampaign } from '../persistence/campaign.repository';

export const TEST_AGGREGATOR_ID = 'zg';
export const TEST_AGGREGATOR_API_KEY = 'PromotionsAggregatorKey-51c0';
export const TEST_AGGREGATOR_OPERATOR = 'casino1';
export const TEST_USERNAME_PREFIX = 'wp';
/** The fake's first game. */
export const TEST_AGGREGATOR_GAME = 'pg_00001';

export function startFakeAggregator(port: number): Promise<FakeAggregatorServer> {
  return FakeAggregatorServer.start({ port, apiKey: TEST_AGGREGATOR_API_KEY });
}

/** One attempt per call and a short deadline, so what the grant run and the provider do is what is tested. */
export function aggregatorSettingsFor(fake: FakeAggregatorServer, dispatcher: Agent): AggregatorFreeRoundsSettings {
  return {
    aggregatorId: TEST_AGGREGATOR_ID,
    client: new AggregatorClient(
      {
        aggregatorId: TEST_AGGREGATOR_ID,
        apiBaseUrl: fake.baseUrl,
        apiKey: TEST_AGGREGATOR_API_KEY,
        currencies: ['EUR'],
        limits: { readTimeoutMs: 300, readAttemptsMax: 1, retryDelayBaseMs: 5, retryDelayMaxMs: 20 },
      },
      { dispatcher },
    ),
    usernamePrefix: TEST_USERNAME_PREFIX,
    operatorId: TEST_AGGREGATOR_OPERATOR,
  };
}

export function newAggregatorCampaign(reference: string, change: Partial<NewCampaign> = {}): NewCampaign {
  return newCampaign(reference, { provider: FreeRoundsProviderName.Aggregator, platformId: TEST_AGGREGATOR_ID, gameId: TEST_AGGREGATOR_GAME, ...change });
}
