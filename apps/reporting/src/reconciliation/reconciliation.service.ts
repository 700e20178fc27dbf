import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  RECONCILIATION_RESULT_SCHEMA_NAME,
  RECONCILIATION_RESULT_SCHEMA_VERSION,
  RECONCILIATION_RESULT_V2_SCHEMA_VERSION,
  ReconciliationSource,
  reportSchemaId,
  type AnyReconciliationResultMessage,
  type AggregatorReconciliationResultMessage,
  type ReconciliationResultMessage,
} from '@wallet-platform/contracts';
import { PlatformApiError, type BusinessReportRow } from '@wallet-platform/platform-client';
import { JsonLogger } from '@wallet-platform/service-kit';
import { PlatformReportAmountError, reconcileBusinessReport, type ReconciliationTolerance } from './reconcile-business-report';
import type { ReconciledPlatform } from './reconciliation-platforms';
import { AggregatorReportError, type AggregatorReportSource } from './aggregator-daily-reports';
import { needsReport, reconcileAggregatorDay, type AggregatorReportDay } from './reconcile-aggregator-report';
import type { ReconciledAggregator } from './reconciliation-aggregators';
import { aggregatorPlayersOfDay, insertRun, ourBusinessRows, runById, TooManyPlayersError, type ReconciliationTrigger, type StoredReconciliationRun } from './reconciliation.store';
import { ReportDecimalError } from './report-decimal';
import { ReconciliationPublisher } from './reconciliation.publisher';
import { countReconciliationRun } from './reconciliation.metrics';

export const RECONCILED_PLATFORMS = Symbol('RECONCILED_PLATFORMS');
export const RECONCILIATION_TOLERANCE = Symbol('RECONCILIATION_TOLERANCE');
export const BUSINESS_REPORT_SOURCE = Symbol('BUSINESS_REPORT_SOURCE');
export const RECONCILIATION_LOGGER = Symbol('RECONCILIATION_LOGGER');
export const RECONCILED_AGGREGATORS = Symbol('RECONCILED_AGGREGATORS');
export const AGGREGATOR_REPORT_SOURCE = Symbol('AGGREGATOR_REPORT_SOURCE');

/** Longest error text kept with a failed run. */
export const RUN_ERROR_CHARS_MAX = 500;

/** Where a platform's business report comes from (the platform client; a test may give another). */
export interface BusinessReportSource {
  businessReport(platform: ReconciledPlatform, day: string): Promise<readonly BusinessReportRow[]>;
}

export class UnknownPlatformError extends Error {}
export class UnknownAggregatorError extends Error {}

/**
 * Reconciles one platform and day: fetches the platform's business report, compares it with our
 * figures of the day (reconcile-business-report.ts holds the rules), stores the run and publishes
 * its result. A report that cannot be had or read (the platform did not answer, an amount we cannot
 * read exactly) is a failed run, kept with its reason and never published as a result: a result
 * says what both sides hold, and here one side is unknown. Running a day again compares again and
 * adds a run; the latest run of a day is its status.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RECONCILED_PLATFORMS) readonly platforms: readonly ReconciledPlatform[],
    @Inject(RECONCILIATION_TOLERANCE) private readonly tolerance: ReconciliationTolerance,
    @Inject(BUSINESS_REPORT_SOURCE) private readonly source: BusinessReportSource,
    private readonly publisher: ReconciliationPublisher,
    @Inject(RECONCILIATION_LOGGER) private readonly logger: JsonLogger,
    @Inject(RECONCILED_AGGREGATORS) readonly aggregators: readonly ReconciledAggregator[],
    @Inject(AGGREGATOR_REPORT_SOURCE) private readonly aggregatorReports: AggregatorReportSource,
  ) {}

  /** The configured aggregator of that id, with the operator (which it must list; the only one when not named). */
  aggregator(aggregatorId: string, operatorId?: string): { aggregator: ReconciledAggregator; operatorId: string } {
    const aggregator = this.aggregators.find((candidate) => candidate.aggregatorId === aggregatorId);
    if (!aggregator) throw new UnknownAggregatorError(`aggregator ${JSON.stringify(aggregatorId)} is not configured for reconciliation`);
    if (operatorId === undefined) {
      if (aggregator.operatorIds.length > 1) throw new UnknownAggregatorError(`aggregator ${JSON.stringify(aggregatorId)} has several operators: name one`);
      return { aggregator, operatorId: aggregator.operatorIds[0] };
    }
    if (!aggregator.operatorIds.includes(operatorId)) throw new UnknownAggregatorError(`aggregator ${JSON.stringify(aggregatorId)} is not configured with operator ${JSON.stringify(operatorId)}`);
    return { aggregator, operatorId };
  }

  /**
   * Reconciles an aggregator's day for one operator against its playerDailyReport, player by player
   * (reconcile-aggregator-report.ts holds the rules): stores the run and publishes its result (v2).
   * A report that cannot be had or read, or more players than a run takes, is a failed run.
   */
  async reconcileAggregator(aggregator: ReconciledAggregator, operatorId: string, day: string, trigger: ReconciliationTrigger): Promise<StoredReconciliationRun | null> {
    const runId = randomUUID();
    const ranAt = new Date().toISOString();
    let result: AggregatorReconciliationResultMessage | null = null;
    let error: string | null = null;
    try {
      const players = await aggregatorPlayersOfDay(this.dataSource, aggregator.aggregatorId, operatorId, day);
      const reports = new Map<string, AggregatorReportDay>();
      for (const player of players) {
        if (needsReport(player, aggregator.baseCurrency)) reports.set(player.username, await this.aggregatorReports.playerDay(aggregator, player.username, day));
      }
      const compared = reconcileAggregatorDay(players, reports, aggregator.baseCurrency, this.tolerance);
      const count = (status: string) => compared.rows.filter((row) => row.status === status).length.toString();
      result = {
        schemaId: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_V2_SCHEMA_VERSION),
        schemaVersion: RECONCILIATION_RESULT_V2_SCHEMA_VERSION,
        source: ReconciliationSource.Aggregator,
        runId,
        platformId: aggregator.aggregatorId,
        operatorId,
        day,
        status: compared.status,
        baseCurrency: aggregator.baseCurrency,
        tolerance: { amount: centsText(this.tolerance.amountMinor), count: this.tolerance.count.toString() },
        summary: { matched: compared.matched.toString(), mismatched: count('mismatched'), notComparable: count('not-comparable') },
        rows: compared.rows,
        ranAt,
      };
    } catch (failure) {
      if (!(failure instanceof AggregatorReportError) && !(failure instanceof TooManyPlayersError) && !(failure instanceof ReportDecimalError)) throw failure;
      error = failure.message.slice(0, RUN_ERROR_CHARS_MAX);
    }
    return this.record({ runId, source: ReconciliationSource.Aggregator, platformId: aggregator.aggregatorId, operatorId, day, trigger, result, error, ranAt });
  }

  /** The configured platform of that id (and operator, when it has several), or UnknownPlatformError. */
  platform(platformId: string, operatorId?: string): ReconciledPlatform {
    const found = this.platforms.filter((platform) => platform.platformId === platformId && (operatorId === undefined || platform.operatorId === operatorId));
    if (found.length === 0) throw new UnknownPlatformError(`platform ${JSON.stringify(platformId)}${operatorId === undefined ? '' : ` with operator ${JSON.stringify(operatorId)}`} is not configured for reconciliation`);
    if (found.length > 1) throw new UnknownPlatformError(`platform ${JSON.stringify(platformId)} has several operators: name one`);
    return found[0];
  }

  /** Runs, stores and publishes; null when a scheduled run lost the race to another replica's. */
  async reconcile(platform: ReconciledPlatform, day: string, trigger: ReconciliationTrigger): Promise<StoredReconciliationRun | null> {
    const runId = randomUUID();
    const ranAt = new Date().toISOString();
    let result: ReconciliationResultMessage | null = null;
    let error: string | null = null;
    try {
      const theirs = await this.source.businessReport(platform, day);
      const ours = await ourBusinessRows(this.dataSource, platform.platformId, platform.operatorId, day);
      const compared = reconcileBusinessReport(ours, theirs, this.tolerance);
      result = {
        schemaId: reportSchemaId(RECONCILIATION_RESULT_SCHEMA_NAME, RECONCILIATION_RESULT_SCHEMA_VERSION),
        schemaVersion: RECONCILIATION_RESULT_SCHEMA_VERSION,
        runId,
        platformId: platform.platformId,
        operatorId: platform.operatorId,
        day,
        status: compared.status,
        tolerance: { amount: centsText(this.tolerance.amountMinor), count: this.tolerance.count.toString() },
        rows: compared.rows,
        ranAt,
      };
    } catch (failure) {
      if (!(failure instanceof PlatformApiError) && !(failure instanceof PlatformReportAmountError)) throw failure;
      error = failure.message.slice(0, RUN_ERROR_CHARS_MAX);
    }
    return this.record({ runId, source: ReconciliationSource.BusinessReport, platformId: platform.platformId, operatorId: platform.operatorId, day, trigger, result, error, ranAt });
  }

  /** Stores a run, logs it, publishes it when completed; null when a scheduled run lost the race. */
  private async record(run: {
    runId: string; source: ReconciliationSource; platformId: string; operatorId: string; day: string; trigger: ReconciliationTrigger;
    result: AnyReconciliationResultMessage | null; error: string | null; ranAt: string;
  }): Promise<StoredReconciliationRun | null> {
    const { runId, result, error } = run;
    const stored = await insertRun(this.dataSource, run);
    if (!stored) return null;
    countReconciliationRun(run.platformId, run.trigger, result?.status ?? 'failed');
    this.logger.event(result === null ? 'error' : result.status === 'matched' ? 'info' : 'warn', 'Reconciliation', `reconciliation ${result?.status ?? 'failed'}`, {
      runId, source: run.source, platformId: run.platformId, operatorId: run.operatorId, day: run.day, trigger: run.trigger, ...(error === null ? {} : { error }),
    });
    if (result !== null) await this.publisher.publishPending().catch((publishError: unknown) => {
      // Kept unpublished: the scheduler's next tick publishes it.
      this.logger.event('error', 'Reconciliation', 'publishing the reconciliation result failed; will retry', { runId, error: publishError instanceof Error ? publishError.message : String(publishError) });
    });
    return runById(this.dataSource, runId);
  }
}

/** A non-negative amount in cents as the decimal text of the result message ("0.00"). */
function centsText(minor: bigint): string {
  return `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
}
