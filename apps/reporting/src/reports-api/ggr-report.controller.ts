import { BadRequestException, Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { GgrFormat, GgrGrouping, GgrQueryError, GGR_DAY_RANGE_DAYS_MAX, GGR_PAGE_SIZE_MAX, PromotionGrouping, readGgrQuery, readPlayerDaysQuery, readPromotionWinsQuery } from './ggr-query';
import { GGR_REPORT_FIGURES, ggrReportCsv, PLAYER_DAY_COLUMNS, PROMOTION_WINS_FIGURES, queryGgrReport, queryPlayerDays, queryPromotionWins, type GgrReportRow } from './ggr-report.store';
import { ReportsApiAuthGuard } from './reports-api-keys';

/** The HTTP adapter of the GGR report: query in, page of rows (JSON or CSV) out. */
@ApiTags('reports')
@ApiBearerAuth()
@UseGuards(ReportsApiAuthGuard)
@Controller('reports/v1')
export class GgrReportController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('ggr')
  @ApiOperation({ summary: `GGR and its figures over a day range (at most ${GGR_DAY_RANGE_DAYS_MAX} days), grouped as asked; always per currency` })
  @ApiQuery({ name: 'from', example: '2026-11-30' })
  @ApiQuery({ name: 'to', example: '2026-11-30' })
  @ApiQuery({ name: 'groupBy', required: false, description: `comma-separated, of ${Object.keys(GgrGrouping).join(', ')}; default day` })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'platform', required: false })
  @ApiQuery({ name: 'vendor', required: false })
  @ApiQuery({ name: 'game', required: false })
  @ApiQuery({ name: 'currency', required: false })
  @ApiQuery({ name: 'page', required: false, description: 'from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `1-${GGR_PAGE_SIZE_MAX}` })
  @ApiQuery({ name: 'format', required: false, enum: Object.values(GgrFormat) })
  @ApiOkResponse({ description: 'JSON `{ rows, page, pageSize, hasMore }`, or text/csv with the same columns (header `X-Has-More`). Money as decimal strings.' })
  async ggr(@Query() parameters: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const query = readQuery(() => readGgrQuery(parameters));
    const { rows, hasMore } = await queryGgrReport(this.dataSource, query);
    answer(response, query, [...query.groupBy.map((name) => GgrGrouping[name]), ...GGR_REPORT_FIGURES], rows, hasMore, 'ggr');
  }

  @Get('promotion-wins')
  @ApiOperation({ summary: `Tournament and promotion prizes over a day range (at most ${GGR_DAY_RANGE_DAYS_MAX} days), grouped as asked; never game wins, not in the GGR` })
  @ApiQuery({ name: 'from', example: '2026-11-30' })
  @ApiQuery({ name: 'to', example: '2026-11-30' })
  @ApiQuery({ name: 'groupBy', required: false, description: `comma-separated, of ${Object.keys(PromotionGrouping).join(', ')}; default day` })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'platform', required: false })
  @ApiQuery({ name: 'vendor', required: false })
  @ApiQuery({ name: 'currency', required: false })
  @ApiQuery({ name: 'campaign', required: false, description: 'empty for prizes without a campaign' })
  @ApiQuery({ name: 'page', required: false, description: 'from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `1-${GGR_PAGE_SIZE_MAX}` })
  @ApiQuery({ name: 'format', required: false, enum: Object.values(GgrFormat) })
  @ApiOkResponse({ description: 'JSON `{ rows, page, pageSize, hasMore }`, or text/csv with the same columns (header `X-Has-More`).' })
  async promotionWins(@Query() parameters: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const query = readQuery(() => readPromotionWinsQuery(parameters));
    const { rows, hasMore } = await queryPromotionWins(this.dataSource, query);
    answer(response, query, [...query.groupBy.map((name) => PromotionGrouping[name]), ...PROMOTION_WINS_FIGURES], rows, hasMore, 'promotion-wins');
  }

  @Get('player-days')
  @ApiOperation({ summary: `Each player's day over a day range (at most ${GGR_DAY_RANGE_DAYS_MAX} days): bets, wins of every kind, refunds, GGR; cancels excluded` })
  @ApiQuery({ name: 'from', example: '2026-11-30' })
  @ApiQuery({ name: 'to', example: '2026-11-30' })
  @ApiQuery({ name: 'operator', required: false })
  @ApiQuery({ name: 'platform', required: false })
  @ApiQuery({ name: 'user', required: false })
  @ApiQuery({ name: 'currency', required: false })
  @ApiQuery({ name: 'page', required: false, description: 'from 1' })
  @ApiQuery({ name: 'pageSize', required: false, description: `1-${GGR_PAGE_SIZE_MAX}` })
  @ApiQuery({ name: 'format', required: false, enum: Object.values(GgrFormat) })
  @ApiOkResponse({ description: 'JSON `{ rows, page, pageSize, hasMore }`, or text/csv with the same columns (header `X-Has-More`).' })
  async playerDays(@Query() parameters: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const query = readQuery(() => readPlayerDaysQuery(parameters));
    const { rows, hasMore } = await queryPlayerDays(this.dataSource, query);
    answer(response, query, PLAYER_DAY_COLUMNS, rows, hasMore, 'player-days');
  }
}

function readQuery<Q>(read: () => Q): Q {
  try {
    return read();
  } catch (error) {
    if (error instanceof GgrQueryError) throw new BadRequestException({ error: 'invalid_query', parameter: error.parameter, message: error.message });
    throw error;
  }
}

function answer(
  response: Response,
  query: { from: string; to: string; page: number; pageSize: number; format: GgrFormat },
  columns: readonly string[],
  rows: GgrReportRow[],
  hasMore: boolean,
  report: string,
): void {
  switch (query.format) {
    case GgrFormat.Csv:
      response
        .status(200)
        .type('text/csv; charset=utf-8')
        .setHeader('X-Has-More', String(hasMore))
        .setHeader('Content-Disposition', `attachment; filename="${report}-${query.from}-${query.to}-page-${query.page}.csv"`)
        .send(ggrReportCsv(columns, rows));
      return;
    case GgrFormat.Json:
      response.status(200).json({ rows, page: query.page, pageSize: query.pageSize, hasMore });
      return;
    default: {
      const unknown: never = query.format;
      throw new Error(`unhandled format ${String(unknown)}`);
    }
  }
}
