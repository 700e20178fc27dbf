import { AggregatorClient, parseAggregatorLaunchPolicy, TRANSFER_TIMEOUT_MS_DEFAULT, type AggregatorConfig, type AggregatorLaunchPolicy } from '@wallet-platform/aggregator-client';
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
export const AGGREGATORS_MAX = 20;

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
  /** What a game launch there moves from the wallet (aggregator-sessions); AGGREGATOR_LAUNCH_POLICY_DEFAULT (whole balance) when absent. */
  readonly launch?: AggregatorLaunchPolicy;
}

/** `AGGREGATOR_APIS`: one entry per aggregator (a secret: it holds the API keys). */
export interface AggregatorSettings extends AggregatorConfig {
  readonly usernamePrefix: string;
  readonly transfers?: { readonly arrivalMarginMs?: number; readonly historyLookbackMs?: number };
  /** The game launch's policy (aggregatorLaunchPolicySchema); whole balance when left out. */
  readonly launch?: unknown;
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

  static fromSettings(settings: readonly AggregatorSettings[], seams: { readonly dispatcher?: Dispatcher } = {}): TransferAggregators {
    if (settings.length > AGGREGATORS_MAX) throw new Error(`at most ${AGGREGATORS_MAX} aggregators`);
    return new TransferAggregators(
      settings.map((entry) => {
        const { usernamePrefix, transfers, launch, ...config } = entry;
        const arrivalMarginMs = transfers?.arrivalMarginMs ?? ARRIVAL_MARGIN_MS_DEFAULT;
        const historyLookbackMs = transfers?.historyLookbackMs ?? HISTORY_LOOKBACK_MS_DEFAULT;
        for (const [name, value] of [['arrivalMarginMs', arrivalMarginMs], ['historyLookbackMs', historyLookbackMs]] as const) {
          if (!Number.isSafeInteger(value) || value < 0 || value > 24 * 3_600_000) throw new Error(`aggregator ${entry.aggregatorId}: transfers.${name} must be 0..86400000 ms`);
        }
        return {
          aggregatorId: entry.aggregatorId,
          client: new AggregatorClient(config, seams),
          usernamePrefix,
          transferTimeoutMs: config.limits?.transferTimeoutMs ?? TRANSFER_TIMEOUT_MS_DEFAULT,
          arrivalMarginMs,
          historyLookbackMs,
          launch: parseAggregatorLaunchPolicy(launch, `aggregator ${entry.aggregatorId}`),
        };
      }),
    );
  }

  /** Parses `AGGREGATOR_APIS` (JSON array of AggregatorSettings); the client checks each field. */
  static parse(json: string, seams: { readonly dispatcher?: Dispatcher } = {}): TransferAggregators {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) throw new Error('AGGREGATOR_APIS must be a JSON array');
    return TransferAggregators.fromSettings(parsed as AggregatorSettings[], seams);
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
