import type { DataSource } from 'typeorm';
import { CampaignState, type Campaign } from '../domain/campaign';
import { BATCH_RETRY_DELAY_BASE_MS, BATCH_RETRY_DELAY_MAX_MS, BATCH_SENDS_PER_RUN_MAX, PLANNING_WINDOW_GRANTS_MAX } from '../domain/campaign-limits';
import type { FreeRoundsProvider, ProviderGrantOutcome } from '../domain/free-rounds-provider.port';
import type { CampaignRepository, GrantCounts, OpenBatch } from '../persistence/campaign.repository';

export interface GrantRunProgress {
  readonly campaign: string;
  readonly counts: GrantCounts;
  readonly batchesSent: number;
}

export interface GrantRunResult extends GrantRunProgress {
  /** True when nothing is left to send: every grant decided (or skipped, or canceled). */
  readonly finished: boolean;
  /** Set when the run did not start: another run holds the campaign. */
  readonly alreadyRunning?: boolean;
}

export interface GrantRunClock {
  readonly now: () => Date;
  readonly sleep: (durationMs: number) => Promise<void>;
}

export const REAL_GRANT_RUN_CLOCK: GrantRunClock = { now: () => new Date(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface GrantRunOptions {
  readonly onProgress?: (progress: GrantRunProgress) => void;
  readonly clock?: GrantRunClock;
  /** Backoff between sends of an unknown batch; tests shorten it, the loop and its bound are the same. */
  readonly retryDelayBaseMs?: number;
  readonly retryDelayMaxMs?: number;
}

/**
 * Sends a campaign's grants, crash-safe and idempotent.
 *
 * 1. One run per campaign at a time: a PostgreSQL session advisory lock, released by the database
 *    if the process dies, so a killed run never blocks the next.
 * 2. Open batches first (stored, sent or being sent when a run stopped): sent again with the same
 *    grants, so the same externalReferenceIds: the provider sees the same grants, not new ones.
 * 3. Then new batches: each is stored (batch row + its grants) in one transaction *before* it is
 *    sent, so a crash after sending leaves an open batch to resend, never a grant to make again.
 * 4. A canceled campaign plans no new batch; its open batches are still resolved.
 * 5. An unknown outcome keeps the batch open with a backoff; after BATCH_SENDS_PER_RUN_MAX sends in
 *    one run it is left unknown for the next run (`finished: false`).
 */
export class GrantRun {
  private readonly clock: GrantRunClock;
  private readonly retryDelayBaseMs: number;
  private readonly retryDelayMaxMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: CampaignRepository,
    private readonly options: GrantRunOptions = {},
  ) {
    this.clock = options.clock ?? REAL_GRANT_RUN_CLOCK;
    this.retryDelayBaseMs = options.retryDelayBaseMs ?? BATCH_RETRY_DELAY_BASE_MS;
    this.retryDelayMaxMs = options.retryDelayMaxMs ?? BATCH_RETRY_DELAY_MAX_MS;
  }

  async run(campaign: Campaign, provider: FreeRoundsProvider): Promise<GrantRunResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('promotions.grant-run'), hashtext($1)) AS locked`, [campaign.id])) as { locked: boolean }[];
      if (!locked) return { ...(await this.progress(campaign, 0)), finished: false, alreadyRunning: true };
      try {
        return await this.runLocked(campaign, provider);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('promotions.grant-run'), hashtext($1))`, [campaign.id]);
      }
    } finally {
      await runner.release();
    }
  }

  private async runLocked(campaign: Campaign, provider: FreeRoundsProvider): Promise<GrantRunResult> {
    // A canceled campaign sends no new batch, but its batches already sent are still resolved:
    // their grants may exist at the provider, and an unknown must end as granted or rejected.
    await this.repository.setState(campaign.id, [CampaignState.Draft, CampaignState.Completed], CampaignState.Granting);
    let batchesSent = 0;
    const sendsThisRun = new Map<string, number>();
    const send = async (batch: OpenBatch): Promise<void> => {
      const outcome = await this.sendOnce(campaign, provider, batch);
      const sends = (sendsThisRun.get(batch.id) ?? 0) + 1;
      sendsThisRun.set(batch.id, sends);
      await this.repository.recordOutcome(batch.id, outcome, new Date(this.clock.now().getTime() + this.backoffMs(batch.sends + 1)));
      batchesSent++;
      this.options.onProgress?.(await this.progress(campaign, batchesSent));
    };

    for (;;) {
      // Open batches: resend those due and not yet given up on in this run.
      const open = (await this.repository.openBatches(campaign.id)).filter((batch) => (sendsThisRun.get(batch.id) ?? 0) < BATCH_SENDS_PER_RUN_MAX);
      const due = open.filter((batch) => batch.nextSendAt.getTime() <= this.clock.now().getTime());
      if (due.length > 0) {
        for (const batch of due) await send(batch);
        continue;
      }
      const unplanned = (await this.isCanceled(campaign)) ? [] : await this.repository.unplannedGrants(campaign.id, PLANNING_WINDOW_GRANTS_MAX);
      if (unplanned.length > 0) {
        for (const grants of provider.planBatches(unplanned)) {
          if (await this.isCanceled(campaign)) break;
          const batch = await this.repository.createBatch(campaign.id, grants);
          if (batch !== null) await send(batch);
        }
        continue;
      }
      if (open.length === 0) break;
      // Only unknown batches wait: sleep until the earliest is due (bounded by the backoff cap).
      const waitMs = Math.min(...open.map((batch) => batch.nextSendAt.getTime())) - this.clock.now().getTime();
      await this.clock.sleep(Math.max(0, Math.min(waitMs, this.retryDelayMaxMs)));
    }

    const counts = await this.repository.grantCounts(campaign.id);
    const finished = counts.pending === 0 && counts.unknown === 0;
    if (finished) await this.repository.setState(campaign.id, [CampaignState.Granting], CampaignState.Completed);
    return { campaign: campaign.reference, counts, batchesSent, finished };
  }

  /** One send; a provider that throws (a bug, a crash in an adapter) leaves the batch unknown, never decided. */
  private async sendOnce(campaign: Campaign, provider: FreeRoundsProvider, batch: OpenBatch): Promise<ProviderGrantOutcome> {
    try {
      return await provider.grant(campaign, batch.grants, String(batch.batchNumber), batch.previousSend);
    } catch (error) {
      return { kind: 'unknown', reason: `provider adapter failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async isCanceled(campaign: Campaign): Promise<boolean> {
    const current = await this.repository.findById(campaign.id);
    return current === null || current.state === CampaignState.Canceled;
  }

  private backoffMs(sends: number): number {
    return Math.min(this.retryDelayMaxMs, this.retryDelayBaseMs * 2 ** Math.min(sends - 1, 30));
  }

  private async progress(campaign: Campaign, batchesSent: number): Promise<GrantRunProgress> {
    return { campaign: campaign.reference, counts: await this.repository.grantCounts(campaign.id), batchesSent };
  }
}
