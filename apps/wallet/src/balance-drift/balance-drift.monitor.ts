import type Redis from 'ioredis';
import { RedisLock } from '@wallet-platform/locks';
import type { JsonLogger } from '@wallet-platform/service-kit';
import type { TransferAggregators } from '../transfers/transfer-aggregators';
import { checkBalanceDrift, type AggregatorBalanceDriftReport } from './balance-drift-check';
import { BalanceDriftLoop } from './balance-drift-loop';
import { recordBalanceDrift } from './balance-drift-metrics';
import type { BalanceDriftStore } from './balance-drift.store';

/**
 * The lock that keeps replicas from checking one aggregator at once (the lock lib's longest).
 * A check that outlives it may overlap another replica's: harmless, each result is exact on its
 * own and the newer one is kept; it only doubles the reads at the aggregator.
 */
export const BALANCE_DRIFT_LOCK_TTL_MS = 5 * 60_000;
/** The shortest interval accepted (0 turns the check off): a pass reads every player's whole history. */
export const BALANCE_DRIFT_INTERVAL_MS_MIN = 1_000;

export class BalanceCheckRunningError extends Error {
  constructor(readonly aggregatorId: string) {
    super(`a balance check of aggregator ${aggregatorId} is running`);
    this.name = 'BalanceCheckRunningError';
  }
}

/**
 * The periodic balance check: every `intervalMs` (0: off), each configured aggregator in turn,
 * under a Redis lock so that one replica checks an aggregator at a time. Each result is stored
 * (the back office reads the last), a drift is logged as a warning, and every replica publishes
 * the stored result as metrics.
 */
export class BalanceDriftMonitor {
  private loop: BalanceDriftLoop | null = null;

  constructor(
    private readonly store: BalanceDriftStore,
    private readonly aggregators: TransferAggregators,
    private readonly redis: Redis,
    private readonly options: { readonly intervalMs: number; readonly lockKeyPrefix: string; readonly logger: JsonLogger; readonly historySettleMs?: number },
  ) {
    if (options.intervalMs !== 0 && (!Number.isSafeInteger(options.intervalMs) || options.intervalMs < BALANCE_DRIFT_INTERVAL_MS_MIN)) {
      throw new Error(`the balance check interval must be 0 (off) or at least ${BALANCE_DRIFT_INTERVAL_MS_MIN} ms`);
    }
  }

  start(): void {
    if (this.options.intervalMs === 0 || this.aggregators.all().length === 0) return;
    this.loop = new BalanceDriftLoop(
      () => this.passOverAll(),
      this.options.intervalMs,
      (error) => this.options.logger.event('error', 'BalanceDrift', 'balance check pass failed', { error: error instanceof Error ? error.message : String(error) }),
    );
    this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  /** One pass over every aggregator; one failing does not stop the others. */
  async passOverAll(): Promise<void> {
    for (const { aggregatorId } of this.aggregators.all()) {
      try {
        await this.checkNow(aggregatorId);
      } catch (error) {
        if (!(error instanceof BalanceCheckRunningError)) {
          this.options.logger.event('error', 'BalanceDrift', 'balance check failed', { aggregatorId, error: error instanceof Error ? error.message : String(error) });
        }
      }
      const last = await this.store.last(aggregatorId);
      if (last) recordBalanceDrift(last);
    }
  }

  /** Checks one aggregator now (UnknownAggregatorError, BalanceCheckRunningError), stores and reports the result. */
  async checkNow(aggregatorId: string): Promise<AggregatorBalanceDriftReport> {
    const { client } = this.aggregators.get(aggregatorId);
    const lock = new RedisLock(this.redis);
    const handle = await lock.tryAcquire(`${this.options.lockKeyPrefix}:${aggregatorId}`, BALANCE_DRIFT_LOCK_TTL_MS);
    if (!handle) throw new BalanceCheckRunningError(aggregatorId);
    try {
      const report = await checkBalanceDrift(this.store, aggregatorId, client, this.options.historySettleMs === undefined ? {} : { historySettleMs: this.options.historySettleMs });
      await this.store.saveLast(report);
      recordBalanceDrift(report);
      for (const row of report.rows) {
        if (row.drift !== '0.00') {
          this.options.logger.event('warn', 'BalanceDrift', 'aggregator balance drift', {
            aggregatorId,
            operatorId: row.operatorId,
            currency: row.currency,
            drift: row.drift,
            held: row.held,
            heldByTransfers: row.heldByTransfers,
            balancesThere: row.balancesThere,
            playThere: row.playThere,
            playersChecked: row.playersChecked,
          });
        }
      }
      return report;
    } finally {
      await lock.release(handle).catch(() => undefined);
    }
  }
}
