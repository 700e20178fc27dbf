import { BadRequestException, Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { day, GgrQueryError, GGR_DAY_RANGE_DAYS_MAX, integer } from '../reports-api/ggr-query';
import { ReportsApiAuthGuard } from '../reports-api/reports-api-keys';
import { ReconciliationSource } from '@wallet-platform/contracts';
import { ReconciliationService, UnknownAggregatorError, UnknownPlatformError } from './reconciliation.service';
import { latestRuns, runById, type StoredReconciliationRun } from './reconciliation.store';
import { OPERATOR_ID_PATTERN, PLATFORM_ID_PATTERN } from '@wallet-platform/platform-registry';

export const RECONCILIATIONS_PAGE_SIZE_MAX = 500;
const RUN_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SOURCES: readonly string[] = Object.values(ReconciliationSource);

function sourceOf(value: string | undefined, name: string): ReconciliationSource | undefined {
  if (value === undefined) return undefined;
  if (!SOURCES.includes(value)) throw new GgrQueryError(name, `${name} must be one of ${SOURCES.join(', ')}`);
  return value as ReconciliationSource;
}

/** The HTTP adapter of reconciliation: the status of each platform and day, a run's result, a run on request. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@UseGuards(ReportsApiAuthGuard)
@Controller('reports/v1/reconciliations')
export class ReconciliationController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly service: ReconciliationService,
  ) {}

  @Get()
  @ApiOperation({ summary: `The latest run of each platform and day over a day range (at most ${GGR_DAY_RANGE_DAYS_MAX} days), newest day first` })
  @ApiQuery({ name: 'from', example: '2026-11-30' })
  @ApiQuery({ name: 'to', example: '2026-11-30' })
  @ApiQuery({ name: 'source', required: false, description: `${SOURCES.join(' | ')}; default both` })
  @ApiQuery({ name: 'platform', required: false, description: 'a platform id, or an aggregator id for source aggregator' })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'page', required: false, description: 'from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `1-${RECONCILIATIONS_PAGE_SIZE_MAX}` })
  @ApiOkResponse({ description: '`{ runs, page, pageSize, hasMore }`; a run: runId, platformId, operatorId, day, trigger, status (matched | mismatched | failed), result (the topic message) or error, ranAt' })
  async list(@Query() parameters: Record<string, unknown>): Promise<{ runs: StoredReconciliationRun[]; page: number; pageSize: number; hasMore: boolean }> {
    const query = badRequestOn(() => {
      const from = day(single(parameters, 'from'), 'from');
      const to = day(single(parameters, 'to'), 'to');
      const rangeDays = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
      if (rangeDays < 1) throw new GgrQueryError('to', 'to must not be before from');
      if (rangeDays > GGR_DAY_RANGE_DAYS_MAX) throw new GgrQueryError('to', `at most ${GGR_DAY_RANGE_DAYS_MAX} days per query`);
      const source = sourceOf(single(parameters, 'source'), 'source');
      return {
        from,
        to,
        ...(source === undefined ? {} : { source }),
        platformId: matching(single(parameters, 'platform'), 'platform', PLATFORM_ID_PATTERN),
        operatorId: matching(single(parameters, 'operator'), 'operator', OPERATOR_ID_PATTERN),
        page: integer(single(parameters, 'page'), 'page', 1, 10_000, 1),
        pageSize: integer(single(parameters, 'pageSize'), 'pageSize', 1, RECONCILIATIONS_PAGE_SIZE_MAX, 100),
      };
    });
    const runs = await latestRuns(this.dataSource, { ...query, limit: query.pageSize + 1, offset: (query.page - 1) * query.pageSize });
    return { runs: runs.slice(0, query.pageSize), page: query.page, pageSize: query.pageSize, hasMore: runs.length > query.pageSize };
  }

  @Get(':runId')
  @ApiOperation({ summary: 'One run and its result' })
  async one(@Param('runId') runId: string): Promise<StoredReconciliationRun> {
    if (!RUN_ID_PATTERN.test(runId)) throw new BadRequestException({ error: 'invalid_query', parameter: 'runId', message: 'runId is a lowercase UUID' });
    const run = await runById(this.dataSource, runId);
    if (!run) throw new NotFoundException({ error: 'not_found', message: `no reconciliation run ${runId}` });
    return run;
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: "Reconciles a platform's day now (fetches its business report), or with source aggregator an aggregator's day (its playerDailyReport per player), and answers the stored run; running a day again adds a run" })
  @ApiBody({
    schema: {
      type: 'object', required: ['platformId', 'day'],
      properties: { source: { enum: [...SOURCES], default: ReconciliationSource.BusinessReport }, platformId: { type: 'string', description: 'the platform, or the aggregator for source aggregator' }, operatorId: { type: 'string' }, day: { type: 'string', example: '2026-11-30' } },
    },
  })
  async run(@Body() body: unknown): Promise<StoredReconciliationRun> {
    const request = badRequestOn(() => {
      const fields = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
      const text = (name: string) => {
        const value = fields[name];
        if (value !== undefined && typeof value !== 'string') throw new GgrQueryError(name, `${name} must be a string`);
        return value;
      };
      const source = sourceOf(text('source'), 'source') ?? ReconciliationSource.BusinessReport;
      const platformId = matching(text('platformId'), 'platformId', PLATFORM_ID_PATTERN);
      if (platformId === undefined) throw new GgrQueryError('platformId', 'platformId is required');
      const requestedDay = day(text('day'), 'day');
      if (Date.parse(`${requestedDay}T00:00:00Z`) > Date.now()) throw new GgrQueryError('day', 'day must not be in the future');
      return { source, platformId, operatorId: matching(text('operatorId'), 'operatorId', OPERATOR_ID_PATTERN), day: requestedDay };
    });
    const run = await this.runOf(request);
    if (run === null) throw new Error('a requested reconciliation run was not stored');
    return run;
  }

  private async runOf(request: { source: ReconciliationSource; platformId: string; operatorId: string | undefined; day: string }): Promise<StoredReconciliationRun | null> {
    switch (request.source) {
      case ReconciliationSource.BusinessReport: {
        let platform;
        try {
          platform = this.service.platform(request.platformId, request.operatorId);
        } catch (error) {
          if (error instanceof UnknownPlatformError) throw new NotFoundException({ error: 'unknown_platform', message: error.message });
          throw error;
        }
        return this.service.reconcile(platform, request.day, 'request');
      }
      case ReconciliationSource.Aggregator: {
        let found;
        try {
          found = this.service.aggregator(request.platformId, request.operatorId);
        } catch (error) {
          if (error instanceof UnknownAggregatorError) throw new NotFoundException({ error: 'unknown_aggregator', message: error.message });
          throw error;
        }
        return this.service.reconcileAggregator(found.aggregator, found.operatorId, request.day, 'request');
      }
      default: {
        const unknown: never = request.source;
        throw new Error(`unknown reconciliation source ${String(unknown)}`);
      }
    }
  }
}

function single(parameters: Record<string, unknown>, name: string): string | undefined {
  const value = parameters[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new GgrQueryError(name, `${name} must be given once`);
  return value;
}

function matching(value: string | undefined, name: string, pattern: RegExp): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) throw new GgrQueryError(name, `${name} has a character or length it cannot have`);
  return value;
}

function badRequestOn<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GgrQueryError) throw new BadRequestException({ error: 'invalid_query', parameter: error.parameter, message: error.message });
    throw error;
  }
}
