import { PlatformProtocol, type AggregatorRegistryPlatform, type ChoiceGamingRegistryPlatform, type OperatorApiRegistryPlatform, type PlatformRegistry } from './platform-registry.schema';
import type { Secret } from './secret';

/**
 * Each service's part of the registry. A service reads only what it uses: the gateway both
 * protocols' inbound keys and edge settings, the wallet the platforms' APIs and launchers, the
 * promotions service Choice Gaming's operators and service APIs, reporting the APIs it reconciles;
 * the aggregators: the wallet all of them, reporting those it reconciles, promotions those with free rounds.
 */

export function operatorApiPlatformsOf(registry: PlatformRegistry): readonly OperatorApiRegistryPlatform[] {
  return registry.platforms.filter((platform): platform is OperatorApiRegistryPlatform => platform.protocol === PlatformProtocol.OperatorApi);
}

export function choiceGamingPlatformsOf(registry: PlatformRegistry): readonly ChoiceGamingRegistryPlatform[] {
  return registry.platforms.filter((platform): platform is ChoiceGamingRegistryPlatform => platform.protocol === PlatformProtocol.ChoiceGaming);
}

/** One operator of an Operator API platform with the platform's own API: what we call. */
export interface PlatformApi {
  readonly platformId: string;
  readonly operatorId: string;
  readonly secretKey: Secret;
  readonly apiBaseUrl: string;
  readonly gameLaunchBaseUrl: string;
  readonly reconcile: boolean;
}

/** Every (platform, operator) whose platform has an `api`: the wallet's catalog sync and game launch. */
export function platformApisOf(registry: PlatformRegistry): readonly PlatformApi[] {
  return operatorApiPlatformsOf(registry).flatMap((platform) => {
    const api = platform.api;
    if (api === undefined) return [];
    return platform.operators.map((operator) => ({
      platformId: platform.platformId,
      operatorId: operator.operatorId,
      secretKey: operator.secretKey,
      apiBaseUrl: api.baseUrl,
      gameLaunchBaseUrl: api.gameLaunchBaseUrl,
      reconcile: api.reconcile,
    }));
  });
}

/** The same, for the platforms whose business reports are reconciled (`api.reconcile`, the default). */
export function reconciledPlatformApisOf(registry: PlatformRegistry): readonly PlatformApi[] {
  return platformApisOf(registry).filter((api) => api.reconcile);
}

/** Choice Gaming platform id → the operator its players belong to in the wallet. */
export function choiceGamingOperatorsOf(registry: PlatformRegistry): ReadonlyMap<string, string> {
  return new Map(choiceGamingPlatformsOf(registry).map((platform) => [platform.platformId, platform.operatorId]));
}

export type ChoiceGamingServiceApi = NonNullable<ChoiceGamingRegistryPlatform['serviceApi']> & { readonly platformId: string };

/** The Choice Gaming platforms with a service API (free-round grants). */
export function choiceGamingServiceApisOf(registry: PlatformRegistry): readonly ChoiceGamingServiceApi[] {
  return choiceGamingPlatformsOf(registry).flatMap((platform) => (platform.serviceApi === undefined ? [] : [{ ...platform.serviceApi, platformId: platform.platformId }]));
}

/** Every transfer-wallet aggregator: the wallet's transfers, catalog, history and balance check. */
export function aggregatorsOf(registry: PlatformRegistry): readonly AggregatorRegistryPlatform[] {
  return registry.platforms.filter((platform): platform is AggregatorRegistryPlatform => platform.protocol === PlatformProtocol.Aggregator);
}

export type ReconciledAggregatorEntry = AggregatorRegistryPlatform & { readonly reconciliation: NonNullable<AggregatorRegistryPlatform['reconciliation']> };

/** The aggregators whose playerDailyReport reporting reconciles (those with `reconciliation`). */
export function reconciledAggregatorsOf(registry: PlatformRegistry): readonly ReconciledAggregatorEntry[] {
  return aggregatorsOf(registry).filter((aggregator): aggregator is ReconciledAggregatorEntry => aggregator.reconciliation !== undefined);
}

export type FreeRoundsAggregatorEntry = AggregatorRegistryPlatform & { readonly freeRounds: NonNullable<AggregatorRegistryPlatform['freeRounds']> };

/** The aggregators the promotions service grants free rounds at (those with `freeRounds`). */
export function freeRoundsAggregatorsOf(registry: PlatformRegistry): readonly FreeRoundsAggregatorEntry[] {
  return aggregatorsOf(registry).filter((aggregator): aggregator is FreeRoundsAggregatorEntry => aggregator.freeRounds !== undefined);
}
