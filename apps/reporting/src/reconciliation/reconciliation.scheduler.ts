import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReconciliationSource } from '@wallet-platform/contracts';
import { JsonLogger } from '@wallet-platform/service-kit';
import { RECONCILIATION_LOGGER, ReconciliationService } from './reconciliation.service';
import { ReconciliationPublisher } from './reconciliation.publisher';
import { hasCompletedScheduledRun } from './reconciliation.store';

export const RECONCILIATION_SCHEDULE = Symbol('RECONCILIATION_SCHEDULE');

export interface ReconciliationSchedule {
  /** Off: runs only on request (tests, or an operator who reconciles by hand). */
  readonly enabled: boolean;
  /** How long after a UTC day ends it is reconciled: late events (a cancel the next morning) land first. */
  readonly delayMinutes: number;
  /** Closed days looked at on each tick, newest first: a service down for a while catches up. */
  readonly lookbackDays: number;
  /** Pause between ticks; a failed run (the platform did not answer) is tried again on the next. */
  readonly tickMs: number;
}

const DAY_MS = 86_400_000;

/**
 * The UTC days due for their scheduled run at `now`: ended at least `delayMinutes` ago, and no more
 * than `lookbackDays` back. Newest first.
 */
export function daysDue(now: Date, delayMinutes: number, lookbackDays: number): string[] {
  const newestClosedEnd = now.getTime() - delayMinutes * 60_000;
  // The newest day whose end (next midnight) is at or before newestClosedEnd.
  const newestDayStart = Math.floor(newestClosedEnd / DAY_MS) * DAY_MS - DAY_MS;
  const days: string[] = [];
  for (let index = 0; index < lookbackDays; index += 1) days.push(new Date(newestDayStart - index * DAY_MS).toISOString().slice(0, 10));
  return days;
}

/**
 * Once a day has closed (plus the delay), runs its reconciliation for every configured platform
 * and every configured aggregator × operator,
 * once: a day with a completed scheduled run is skipped; replicas racing on a day store one run
 * (a unique index). Each tick also publishes results left unpublished by a crash.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly service: ReconciliationService,
    private readonly publisher: ReconciliationPublisher,
    @Inject(RECONCILIATION_SCHEDULE) private readonly schedule: ReconciliationSchedule,
    @Inject(RECONCILIATION_LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.schedule.enabled) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** One pass: every due day of every platform without its scheduled run. Answers the runs made. */
  async tick(now = new Date()): Promise<number> {
    let runs = 0;
    for (const day of daysDue(now, this.schedule.delayMinutes, this.schedule.lookbackDays)) {
      for (const platform of this.service.platforms) {
        if (!this.running && this.loop !== null) return runs;
        if (await hasCompletedScheduledRun(this.dataSource, ReconciliationSource.BusinessReport, platform.platformId, platform.operatorId, day)) continue;
        await this.service.reconcile(platform, day, 'schedule');
        runs += 1;
      }
      for (const aggregator of this.service.aggregators) {
        for (const operatorId of aggregator.operatorIds) {
          if (!this.running && this.loop !== null) return runs;
          if (await hasCompletedScheduledRun(this.dataSource, ReconciliationSource.Aggregator, aggregator.aggregatorId, operatorId, day)) continue;
          await this.service.reconcileAggregator(aggregator, operatorId, day, 'schedule');
          runs += 1;
        }
      }
    }
    await this.publisher.publishPending();
    return runs;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.tick();
      } catch (error) {
        this.logger.event('error', 'Reconciliation', 'scheduled reconciliation failed; will retry', { error: error instanceof Error ? error.message : String(error) });
      }
      // Shutdown during the tick woke nothing (no pause was pending): without this check the
      // loop would sleep a whole tickMs (5 minutes by default) before it ended.
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.schedule.tickMs).unref(); // a pause keeps nothing alive
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
    }
  }
}
