import { AggregatorClient, type AggregatorConfig } from '@wallet-platform/aggregator-client';
import { isCurrencyCode } from '@wallet-platform/money';
import { ConfigurationError } from '@wallet-platform/service-kit';

/**
 * The aggregators whose `playerDailyReport` we reconcile, from `RECONCILIATION_AGGREGATORS` (JSON,
 * a Secret: it holds the API keys). The wallet's `AGGREGATOR_APIS` entries (the client's
 * configuration: aggregatorId, apiBaseUrl, apiKey, currencies, limits; `usernamePrefix` and
 * `transfers` are allowed and ignored) plus two fields only reporting reads:
 * - `baseCurrency`: the agent's base currency, in which the aggregator's report is;
 * - `operatorIds`: the operators whose players play there (one run per aggregator, operator and day).
 * The wallet ignores both, so one Secret with them can be mounted in both services.
 */
export interface ReconciledAggregator {
  readonly aggregatorId: string;
  readonly operatorIds: readonly string[];
  readonly baseCurrency: string;
  readonly client: AggregatorConfig;
}

export const RECONCILED_AGGREGATORS_MAX = 20;
export const RECONCILED_AGGREGATOR_OPERATORS_MAX = 20;

export function parseReconciledAggregators(json: string): readonly ReconciledAggregator[] {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`RECONCILIATION_AGGREGATORS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > RECONCILED_AGGREGATORS_MAX) fail(`must be an array of at most ${RECONCILED_AGGREGATORS_MAX} entries`);
  const seen = new Set<string>();
  return (parsed as unknown[]).map((entry, index) => {
    const value = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const { operatorIds, baseCurrency, usernamePrefix: _prefix, transfers: _transfers, ...config } = value;
    if (!Array.isArray(operatorIds) || operatorIds.length === 0 || operatorIds.length > RECONCILED_AGGREGATOR_OPERATORS_MAX || !operatorIds.every((id) => typeof id === 'string' && /^[A-Za-z0-9_.-]{1,20}$/.test(id))) {
      fail(`[${index}].operatorIds must be 1-${RECONCILED_AGGREGATOR_OPERATORS_MAX} operator ids of 1-20 chars of [A-Za-z0-9_.-]`);
    }
    if (typeof baseCurrency !== 'string' || !isCurrencyCode(baseCurrency)) fail(`[${index}].baseCurrency must be a currency code`);
    const client = config as unknown as AggregatorConfig;
    try {
      // The client checks its own fields (URL, key, currencies, limits) exactly as the wallet does.
      new AggregatorClient(client);
    } catch (error) {
      fail(`[${index}]: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (seen.has(client.aggregatorId)) fail(`[${index}] aggregator ${client.aggregatorId} is listed twice`);
    seen.add(client.aggregatorId);
    return { aggregatorId: client.aggregatorId, operatorIds: [...new Set(operatorIds as string[])], baseCurrency: baseCurrency as string, client };
  });
}
