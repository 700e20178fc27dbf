import type { TransferAggregators } from '../transfers/transfer-aggregators';
import { recordLiveSessions } from './aggregator-session-metrics';
import { SessionEndReason } from './aggregator-session-state';
import type { AggregatorSessionService } from './aggregator-session.service';
import type { AggregatorSessionStore } from './aggregator-session.store';

/** Sessions looked at per pass (each is a few aggregator calls). */
export const SWEEP_BATCH_MAX = 200;
/** Sessions ended at once. */
export const SWEEP_CONCURRENCY = 4;

export interface SweepPass {
  readonly looked: number;
  readonly ended: number;
  /** Still ending: a withdraw in transit, voided (tried again next pass), or waiting for the deposit. */
  readonly stillEnding: number;
  /** Failed on our side or the aggregator's (unreachable): looked at again next pass. */
  readonly failed: number;
}

/**
 * The periodic sweep: every session launched (or opening) longer ago than the idle limit is ended,
 * and every session already ending is taken one step further, so money never stays at an
 * aggregator for a player who left without coming back. Two replicas sweeping at once are safe:
 * each change is conditional and each withdraw has its session's key.
 */
export class AggregatorSessionSweep {
  constructor(
    private readonly store: AggregatorSessionStore,
    private readonly service: AggregatorSessionService,
    private readonly aggregators: TransferAggregators,
    private readonly options: { readonly idleLimitMs: number; readonly clock?: () => Date; readonly log?: (level: 'info' | 'warn', message: string, fields: Record<string, unknown>) => void },
  ) {}

  async pass(): Promise<SweepPass> {
    const now = (this.options.clock ?? (() => new Date()))();
    const due = await this.store.due(new Date(now.getTime() - this.options.idleLimitMs), SWEEP_BATCH_MAX);
    const counts = { looked: due.length, ended: 0, stillEnding: 0, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const session = due[next++];
        try {
          const outcome = await this.service.end(session, SessionEndReason.Swept);
          if (outcome.kind === 'ended') counts.ended++;
          else counts.stillEnding++;
        } catch (error) {
          counts.failed++;
          this.options.log?.('warn', 'aggregator session sweep: ending failed', { sessionId: session.id, error: error instanceof Error ? error.message : String(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, due.length) }, worker));
    recordLiveSessions(await this.store.liveCounts(), this.aggregators.all().map((aggregator) => aggregator.aggregatorId));
    return counts;
  }
}
