import type { JsonLogger } from '@wallet-platform/service-kit';
import { CampaignState } from '../domain/campaign';
import type { CampaignsService } from '../campaigns.service';
import type { GrantRunOptions } from './grant-run';

/**
 * Runs grant runs in the background of the service, one per campaign on this instance (the
 * advisory lock in GrantRun keeps it one across instances too). On start-up it resumes every
 * campaign left `granting` by a stopped or killed process, so an interrupted grant needs nobody.
 */
export class CampaignGrantRunner {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly logger: Pick<JsonLogger, 'event'>,
    private readonly options: GrantRunOptions = {},
  ) {}

  /** False when a run of this campaign is already going here. Throws for an unknown or canceled campaign. */
  async start(reference: string): Promise<boolean> {
    if (this.running.has(reference)) return false;
    await this.campaigns.get(reference);
    const run = this.campaigns
      .startGrant(reference, this.options)
      .then((result) => this.logger.event('info', 'GrantRun', 'grant run ended', { campaign: reference, finished: result.finished, batchesSent: result.batchesSent, ...result.counts }))
      .catch((error: unknown) => this.logger.event('error', 'GrantRun', 'grant run failed', { campaign: reference, error: error instanceof Error ? error.message : String(error) }))
      .finally(() => this.running.delete(reference));
    this.running.set(reference, run);
    return true;
  }

  isRunning(reference: string): boolean {
    return this.running.has(reference);
  }

  async resumeInterrupted(): Promise<void> {
    for (const reference of await this.campaigns.repository.referencesInState(CampaignState.Granting)) await this.start(reference);
  }

  /** Waits for the runs going now (shutdown, tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }
}
