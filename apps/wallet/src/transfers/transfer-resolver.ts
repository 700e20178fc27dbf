import { classifyHistoryEntry, decideTransfer, TransferResolution, type TransferDecision } from '@wallet-platform/aggregator-client';
import { assertNever } from '../ledger/ledger-kinds';
import type { TransferAggregators } from './transfer-aggregators';
import { recordOpenTransfers } from './transfer-metrics';
import { TransferState, TransferStep } from './transfer-state';
import type { TransferRecord, TransferStore } from './transfer-store';

/** A pending transfer this old was abandoned before its call (its process died): voided. */
export const PENDING_STALE_MS_DEFAULT = 60_000;
/** Transfers looked at per pass. */
export const RESOLVE_BATCH_MAX = 200;
/** Transfers resolved at once (each is a few aggregator reads). */
export const RESOLVE_CONCURRENCY_DEFAULT = 4;
/** An undecided transfer is looked at again after base × 2^attempts, capped. */
export const RESOLVE_RETRY_BASE_MS_DEFAULT = 5_000;
export const RESOLVE_RETRY_MAX_MS_DEFAULT = 15 * 60_000;

export const SETTLED_BY_RESOLVER = 'resolver';

export interface TransferResolverOptions {
  readonly pendingStaleMs?: number;
  readonly concurrency?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly clock?: () => Date;
  readonly log?: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void;
}

export interface ResolverPass {
  readonly looked: number;
  readonly posted: number;
  readonly voided: number;
  readonly stillUnknown: number;
  /** Resolutions that failed on our side (database, lock): looked at again in the next pass. */
  readonly failed: number;
}

/**
 * Finishes what a transfer's own call could not: a transfer left pending by a dead process is
 * voided (its call was never made); a sent one whose answer was lost is decided from the
 * aggregator's own state by `decideTransfer` (the balance before, the history since, the balance
 * now) and posted or voided; what cannot be decided stays in transit, unknown, and is looked at
 * again later (and shown to support). Killed at any point, it leaves every transfer either as it
 * was or settled: the settle is one conditional database transaction (TransferStore).
 */
export class TransferResolver {
  private readonly pendingStaleMs: number;
  private readonly concurrency: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly clock: () => Date;

  constructor(
    private readonly store: TransferStore,
    private readonly aggregators: TransferAggregators,
    private readonly options: TransferResolverOptions = {},
  ) {
    this.pendingStaleMs = options.pendingStaleMs ?? PENDING_STALE_MS_DEFAULT;
    this.concurrency = options.concurrency ?? RESOLVE_CONCURRENCY_DEFAULT;
    this.retryBaseMs = options.retryBaseMs ?? RESOLVE_RETRY_BASE_MS_DEFAULT;
    this.retryMaxMs = options.retryMaxMs ?? RESOLVE_RETRY_MAX_MS_DEFAULT;
    this.clock = options.clock ?? (() => new Date());
  }

  /** One pass over the transfers due now. */
  async resolveDue(): Promise<ResolverPass> {
    const now = this.clock();
    const due = await this.store.due(now, new Date(now.getTime() - this.pendingStaleMs), RESOLVE_BATCH_MAX);
    const counts = { looked: due.length, posted: 0, voided: 0, stillUnknown: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const transfer = due[next++];
        try {
          const after = await this.resolveOne(transfer);
          if (after.state === TransferState.Posted) counts.posted++;
          else if (after.state === TransferState.Voided) counts.voided++;
          else counts.stillUnknown++;
        } catch (error) {
          // Nothing half-done remains (each settle is one transaction): the next pass tries again.
          counts.failed++;
          this.options.log?.('warn', 'aggregator transfer resolution failed', { transferId: transfer.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, due.length) }, worker));
    recordOpenTransfers(await this.store.openCounts(), this.aggregators.all().map((aggregator) => aggregator.aggregatorId));
    return counts;
  }

  /** Resolves one transfer if it can be; answers it as it is afterwards. */
  async resolveOne(transfer: TransferRecord): Promise<TransferRecord> {
    switch (transfer.state) {
      case TransferState.Pending:
        return this.store.settle(transfer.id, [TransferState.Pending], { step: TransferStep.Voided, note: 'never sent: abandoned before the call', settledBy: SETTLED_BY_RESOLVER });
      case TransferState.Sending:
      case TransferState.Unknown:
        return this.resolveSent(transfer);
      case TransferState.Posted:
      case TransferState.Voided:
        return transfer;
      default:
        return assertNever(transfer.state);
    }
  }

  private async resolveSent(transfer: TransferRecord): Promise<TransferRecord> {
    const aggregator = this.aggregators.get(transfer.aggregatorId);
    const sentAtMs = Date.parse(transfer.sentAt as string);
    let decision: TransferDecision;
    try {
      decision = await this.decide(transfer, aggregator.historyLookbackMs, this.clock().getTime() >= sentAtMs + aggregator.transferTimeoutMs + aggregator.arrivalMarginMs);
    } catch (error) {
      decision = { resolution: TransferResolution.StillUnknown, why: `the aggregator could not be asked: ${error instanceof Error ? error.message : String(error)}` };
    }
    const open = [TransferState.Sending, TransferState.Unknown];
    switch (decision.resolution) {
      case TransferResolution.Applied:
        this.options.log?.('info', 'aggregator transfer resolved: applied', { transferId: transfer.id, why: decision.why });
        return this.store.settle(transfer.id, open, { step: TransferStep.Posted, walletTxId: decision.walletTxId, txId: null, note: `resolved: ${decision.why}`, settledBy: SETTLED_BY_RESOLVER });
      case TransferResolution.NotApplied:
        this.options.log?.('info', 'aggregator transfer resolved: not applied', { transferId: transfer.id, why: decision.why });
        return this.store.settle(transfer.id, open, { step: TransferStep.Voided, note: `resolved: ${decision.why}`, settledBy: SETTLED_BY_RESOLVER });
      case TransferResolution.StillUnknown: {
        const delayMs = Math.min(this.retryBaseMs * 2 ** Math.min(transfer.resolutionAttempts, 30), this.retryMaxMs);
        this.options.log?.('warn', 'aggregator transfer still unknown', { transferId: transfer.id, attempts: transfer.resolutionAttempts + 1, why: decision.why });
        return this.store.markUnknown(transfer.id, `still unknown: ${decision.why}`, new Date(this.clock().getTime() + delayMs), { countAttempt: true });
      }
      default:
        return assertNever(decision);
    }
  }

  /** Reads the evidence (history since the balance was read, then the balance now) and decides. */
  private async decide(transfer: TransferRecord, historyLookbackMs: number, requestCanNoLongerArrive: boolean): Promise<TransferDecision> {
    const { client } = this.aggregators.get(transfer.aggregatorId);
    const from = new Date(Date.parse(transfer.balanceReadAt as string) - historyLookbackMs).toISOString();
    const history = await client.allHistory({ username: transfer.aggregatorUsername, from });
    const entries = history.items.filter((item) => item.groupCurrency === transfer.currency);
    // An entry already attributed to another transfer of ours is not this one's match.
    const attributed = await this.store.walletTxIdsAttributed(
      transfer.aggregatorId,
      entries.map((item) => item.walletTxId),
      transfer.id,
    );
    const balanceNow = (await client.getPlayerBalance(transfer.aggregatorUsername, transfer.currency)).balance;
    return decideTransfer({
      direction: transfer.direction,
      amount: transfer.amount,
      balanceBefore: transfer.aggregatorBalanceBefore as string,
      // Kept in the balance chain, as earlier transfers: never this one's match.
      entriesSince: entries.map((item) => ({
        walletTxId: item.walletTxId,
        kind: attributed.has(item.walletTxId) ? 'earlier-transfer' : classifyHistoryEntry(item.txType.label),
        beforeBalance: item.walletBeforeBalance,
        afterBalance: item.walletAfterBalance,
      })),
      historyComplete: history.complete,
      balanceNow,
      requestCanNoLongerArrive,
    });
  }
}
