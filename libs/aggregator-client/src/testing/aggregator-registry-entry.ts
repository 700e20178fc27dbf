import { parsePlatformRegistry, type PlatformRegistry, type PlatformRegistryDocument } from '@wallet-platform/platform-registry';

type RegistryEntry = PlatformRegistryDocument['platforms'][number];
type AggregatorEntry = Extract<RegistryEntry, { protocol: 'aggregator' }>;

/** What a test says of its aggregator; the rest takes the values most tests want. */
export interface TestAggregator {
  /** Our aggregator id (its registry platformId); `zg` when left out. */
  readonly aggregatorId?: string;
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly currencies?: readonly string[];
  readonly usernamePrefix?: string;
  readonly limits?: AggregatorEntry['limits'];
  readonly transfers?: AggregatorEntry['transfers'];
  readonly reconciliation?: AggregatorEntry['reconciliation'];
  readonly freeRounds?: AggregatorEntry['freeRounds'];
  readonly launch?: AggregatorEntry['launch'];
}

/** The platform registry entry (`protocol: aggregator`) of a test's aggregator, as a document holds it. */
export function testAggregatorEntry(aggregator: TestAggregator): AggregatorEntry {
  const { aggregatorId = 'zg', baseUrl, apiKey, currencies = ['EUR'], usernamePrefix = 'wp', ...optional } = aggregator;
  return { platformId: aggregatorId, protocol: 'aggregator', api: { baseUrl, apiKey }, currencies: [...currencies], usernamePrefix, ...optional };
}

/** A registry of these aggregators, through the services' own parser (a test entry the schema refuses fails the test). */
export function testRegistryOf(...entries: readonly RegistryEntry[]): PlatformRegistry {
  const parsed = parsePlatformRegistry(JSON.stringify({ platforms: entries }));
  if (!parsed.ok) throw new Error(`test registry refused: ${parsed.problems.join('; ')}`);
  return parsed.registry;
}

/** The PLATFORM_REGISTRY value of a process started by a test. */
export function registryVariableOf(...entries: readonly RegistryEntry[]): string {
  testRegistryOf(...entries);
  return JSON.stringify({ platforms: entries });
}

/** A registry of just these aggregators. */
export function testAggregatorRegistry(...aggregators: readonly TestAggregator[]): PlatformRegistry {
  return testRegistryOf(...aggregators.map(testAggregatorEntry));
}
