import { createHash } from 'node:crypto';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { cancelEvent, gameEvent, promotionCreditEvent } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { parseReportsApiKeys } from './reports-api-keys';
import { ReportsApiModule } from './reports-api.module';
import { serveReportsOpenApi } from './reports-openapi';

const PORT = 18440;
const API_KEY = 'reporting-it-key-00000000000000';

/**
 * Given figures in a real reporting database (applied by the intake itself), when the reports API
 * is asked over HTTP, then it answers the exact sums for any grouping, per page, as JSON or CSV,
 * refuses a bad query with the parameter named, and refuses a caller without a valid key.
 */
describe('GGR reports API', () => {
  let database: ScratchReportingDatabase;
  let app: INestApplication;
  const base = `http://127.0.0.1:${PORT}/reports/v1/ggr`;
  const get = (query: string, key = API_KEY) => fetch(`${base}?${query}`, { headers: { authorization: `Bearer ${key}` } });

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
    const bet = gameEvent({ userId: 'u1', transactionId: '1', transactionType: 'BET', amount: '10.00' });
    const messages = [
      bet,
      gameEvent({ userId: 'u1', transactionId: '2', transactionType: 'WIN', amount: '2.50' }),
      gameEvent({ userId: 'u1', transactionId: '3', transactionType: 'BET', amount: '4.00', vendor: 'slotsxx', gameId: '201' }),
      gameEvent({ userId: 'u1', transactionId: '4', transactionType: 'BET', amount: '1.00', gameId: '102', platformCreatedAt: '2026-11-29 10:00:00' }),
      gameEvent({ userId: 'u2', transactionId: '5', transactionType: 'BET', amount: '9.99', currency: 'USD' }),
      gameEvent({ userId: 'u1', transactionId: '6', transactionType: 'BET', amount: '3.00' }),
      promotionCreditEvent({ userId: 'u1', awardId: 'a-1', kind: 'TOURNAMENT_WIN', amount: '20.00', campaignCode: 'AUTUMN', vendor: 'netent' }),
      promotionCreditEvent({ userId: 'u1', awardId: 'a-2', kind: 'PROMO_WIN', amount: '1.10', campaignCode: 'AUTUMN', vendor: 'slotsxx' }),
      promotionCreditEvent({ userId: 'u2', awardId: 'a-3', kind: 'PROMO_WIN', amount: '0.05', currency: 'USD' }),
    ];
    const intake = new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn'));
    const toTopicMessage = (message: object, offset: number) => ({ partition: 0, offset: String(offset), value: Buffer.from(JSON.stringify(message)) });
    await intake.applyChunk(messages.map(toTopicMessage));
    await intake.applyChunk([toTopicMessage(cancelEvent(messages[5]), 9)]);

    @Global()
    @Module({ providers: [{ provide: getDataSourceToken(), useValue: database.dataSource }], exports: [getDataSourceToken()] })
    class TestDatabaseModule {}
    @Module({ imports: [TestDatabaseModule, ReportsApiModule.forRoot(parseReportsApiKeys(JSON.stringify([{ name: 'it', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }])))] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    serveReportsOpenApi(app);
    await app.listen(PORT, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('sums by day and currency by default, a canceled bet excluded', async () => {
    const response = await get('from=2026-11-29&to=2026-11-30');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { rows: Array<Record<string, string>>; hasMore: boolean };
    expect(body.hasMore).toBe(false);
    expect(body.rows.map(({ day, currency, bets_sum, bets_count, wins_sum, canceled_bets_count, ggr }) => ({ day, currency, bets_sum, bets_count, wins_sum, canceled_bets_count, ggr }))).toEqual([
      { day: '2026-11-29', currency: 'EUR', bets_sum: '1.00', bets_count: '1', wins_sum: '0.00', canceled_bets_count: '0', ggr: '1.00' },
      { day: '2026-11-30', currency: 'EUR', bets_sum: '14.00', bets_count: '2', wins_sum: '2.50', canceled_bets_count: '1', ggr: '11.50' },
      { day: '2026-11-30', currency: 'USD', bets_sum: '9.99', bets_count: '1', wins_sum: '0.00', canceled_bets_count: '0', ggr: '9.99' },
    ]);
  });

  it('groups by vendor and game over the range, filtered, one page at a time', async () => {
    const first = (await (await get('from=2026-11-29&to=2026-11-30&groupBy=vendor,game&currency=EUR&pageSize=2')).json()) as { rows: Array<Record<string, string>>; hasMore: boolean };
    const second = (await (await get('from=2026-11-29&to=2026-11-30&groupBy=vendor,game&currency=EUR&pageSize=2&page=2')).json()) as { rows: Array<Record<string, string>>; hasMore: boolean };
    const brief = (rows: Array<Record<string, string>>) => rows.map(({ vendor, game_id, currency, ggr }) => ({ vendor, game_id, currency, ggr }));
    expect([brief(first.rows), first.hasMore, brief(second.rows), second.hasMore]).toEqual([
      [{ vendor: 'netent', game_id: '101', currency: 'EUR', ggr: '7.50' }, { vendor: 'netent', game_id: '102', currency: 'EUR', ggr: '1.00' }],
      true,
      [{ vendor: 'slotsxx', game_id: '201', currency: 'EUR', ggr: '4.00' }],
      false,
    ]);
  });

  it('exports CSV with a header line and the same figures', async () => {
    const response = await get('from=2026-11-30&to=2026-11-30&groupBy=vendor&format=csv');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe('vendor,currency,bets_sum,bets_count,wins_sum,wins_count,freespin_wins_sum,freespin_wins_count,jackpot_wins_sum,jackpot_wins_count,refunds_sum,refunds_count,canceled_bets_sum,canceled_bets_count,canceled_wins_sum,canceled_wins_count,rake_sum,ggr');
    expect(lines.slice(1)).toEqual([
      'netent,EUR,10.00,1,2.50,1,0.00,0,0.00,0,0.00,0,3.00,1,0.00,0,0.0000,7.50',
      'netent,USD,9.99,1,0.00,0,0.00,0,0.00,0,0.00,0,0.00,0,0.00,0,0.0000,9.99',
      'slotsxx,EUR,4.00,1,0.00,0,0.00,0,0.00,0,0.00,0,0.00,0,0.00,0,0.0000,4.00',
      '',
    ]);
  });

  it('answers tournament and promotion prizes apart from the GGR, by vendor and campaign, as JSON or CSV', async () => {
    const prizes = `http://127.0.0.1:${PORT}/reports/v1/promotion-wins?from=2026-11-30&to=2026-11-30`;
    const auth = { headers: { authorization: `Bearer ${API_KEY}` } };
    const byVendor = (await (await fetch(`${prizes}&groupBy=vendor,campaign`, auth)).json()) as { rows: Array<Record<string, string>> };
    expect(byVendor.rows).toEqual([
      { vendor: 'netent', currency: 'EUR', campaign_code: 'AUTUMN', tournament_wins_sum: '20.00', tournament_wins_count: '1', promo_wins_sum: '0.00', promo_wins_count: '0' },
      { vendor: 'slotsxx', currency: 'EUR', campaign_code: 'AUTUMN', tournament_wins_sum: '0.00', tournament_wins_count: '0', promo_wins_sum: '1.10', promo_wins_count: '1' },
      { vendor: 'unknown', currency: 'USD', campaign_code: '', tournament_wins_sum: '0.00', tournament_wins_count: '0', promo_wins_sum: '0.05', promo_wins_count: '1' },
    ]);
    expect(await (await fetch(`${prizes}&campaign=&format=csv`, auth)).text()).toBe(
      'day,currency,tournament_wins_sum,tournament_wins_count,promo_wins_sum,promo_wins_count\r\n2026-11-30,USD,0.00,0,0.05,1\r\n',
    );
    // The GGR of the day is the game's alone.
    const ggr = (await (await get('from=2026-11-30&to=2026-11-30&currency=EUR')).json()) as { rows: Array<Record<string, string>> };
    expect(ggr.rows.map((row) => row['ggr'])).toEqual(['11.50']);
  });

  it('answers each player day, paged, with every kind of win and the cancel excluded', async () => {
    const days = `http://127.0.0.1:${PORT}/reports/v1/player-days?from=2026-11-29&to=2026-11-30`;
    const first = (await (await fetch(`${days}&pageSize=2`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { rows: Array<Record<string, string>>; hasMore: boolean };
    expect(first).toMatchObject({ hasMore: true, rows: [
      { day: '2026-11-29', user_id: 'u1', currency: 'EUR', bets_sum: '1.00', bets_count: '1', ggr: '1.00' },
      { day: '2026-11-30', user_id: 'u1', currency: 'EUR', bets_sum: '14.00', bets_count: '2', wins_sum: '2.50', wins_count: '1', ggr: '11.50' },
    ] });
    const csv = await (await fetch(`${days}&user=u2&format=csv`, { headers: { authorization: `Bearer ${API_KEY}` } })).text();
    expect(csv).toBe('day,operator_id,platform_id,user_id,currency,bets_sum,bets_count,wins_sum,wins_count,refunds_sum,refunds_count,ggr\r\n2026-11-30,casino1,plat-a,u2,USD,9.99,1,0.00,0,0.00,0,9.99\r\n');
  });

  it.each([
    ['from=2026-11-30&to=2026-11-29', 'to'],
    ['from=2025-01-01&to=2026-11-30', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['from=2026-11-30&to=2026-11-30&groupBy=day,player', 'groupBy'],
    ['from=2026-11-30&to=2026-11-30&pageSize=1001', 'pageSize'],
    ['from=2026-11-30&to=2026-11-30&format=xml', 'format'],
  ])('refuses %s naming the parameter %s', async (query, parameter) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_query', parameter });
  });

  it('refuses a missing or wrong key, and documents itself in OpenAPI', async () => {
    expect((await fetch(`${base}?from=2026-11-30&to=2026-11-30`)).status).toBe(401);
    expect((await get('from=2026-11-30&to=2026-11-30', 'wrong-key-0000000000000000000000')).status).toBe(401);
    const document = (await (await fetch(`http://127.0.0.1:${PORT}/reports/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/reports/v1/ggr');
  });
});
