import { AggregatorClient } from '@wallet-platform/aggregator-client';
import { aggregatorsOf, type AggregatorLaunchPolicy, type PlatformRegistry } from '@wallet-platform/platform-registry';
import type { Dispatcher } from 'undici';

/**
 * How long after a transfer's call gave up the request may still reach the aggregator and be
 * applied (queued in a proxy, a slow worker there): before that, an absent history entry proves
 * nothing. Per aggregator `transfers.arrivalMarginMs`.
 */
export const ARRIVAL_MARGIN_MS_DEFAULT = 60_000;
/**
 * How far before our own "balance read" time the history is read: the aggregator's clock may be
 * behind ours. A game entry of that window makes a "not applied" undecidable (it waits, then
 * support decides); it never makes a wrong decision. Per aggregator `transfers.historyLookbackMs`.
 */
export const HISTORY_LOOKBACK_MS_DEFAULT = 5_000;

/** Injection token of the configured aggregators (TransfersModule). */
export const TRANSFER_AGGREGATORS = Symbol('TRANSFER_AGGREGATORS');

/** One aggregator as the wallet's transfers use it. */
export interface TransferAggregator {
  readonly aggregatorId: string;
  readonly client: AggregatorClient;
  /** The username prefix of our players there (aggregatorUsernameFor). */
  readonly usernamePrefix: string;
  readonly transferTimeoutMs: number;
  readonly arrivalMarginMs: number;
  readonly historyLookbackMs: number;
  /** What a game launch there moves from the wallet (aggregator-sessions): the registry entry's `launch`. */
  readonly launch: AggregatorLaunchPolicy;
}

export class UnknownAggregatorError extends Error {
  constructor(readonly aggregatorId: string) {
    super(`no aggregator ${aggregatorId} is configured`);
    this.name = 'UnknownAggregatorError';
  }
}

export class TransferAggregators {
  private readonly byId: ReadonlyMap<string, TransferAggregator>;

  constructor(aggregators: readonly TransferAggregator[]) {
    this.byId = new Map(aggregators.map((aggregator) => [aggregator.aggregatorId, aggregator]));
  }

  /** The registry's aggregators (`protocol: aggregator`), each with its client; the schema has checked every field. */
  static fromRegistry(registry: PlatformRegistry, seams: { readonly dispatcher?: Dispatcher } = {}): TransferAggregators {
    return new TransferAggregators(
      aggregatorsOf(registry).map((entry) => {
        const client = AggregatorClient.fromRegistry(entry, seams);
        return {
          aggregatorId: entry.platformId,
          client,
          usernamePrefix: entry.usernamePrefix,
          transferTimeoutMs: client.transferTimeoutMs,
          arrivalMarginMs: entry.transfers?.arrivalMarginMs ?? ARRIVAL_MARGIN_MS_DEFAULT,
          historyLookbackMs: entry.transfers?.historyLookbackMs ?? HISTORY_LOOKBACK_MS_DEFAULT,
          launch: entry.launch,
        };
      }),
    );
  }

  get(aggregatorId: string): TransferAggregator {
    const found = this.byId.get(aggregatorId);
    if (!found) throw new UnknownAggregatorError(aggregatorId);
    return found;
  }

  all(): readonly TransferAggregator[] {
    return [...this.byId.values()];
  }
}
