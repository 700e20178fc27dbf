import { Secret } from '@wallet-platform/platform-registry';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { chromium, type Browser } from 'playwright-core';
import { createKafka } from '@wallet-platform/messaging';
import { FakePlatformServer } from '@wallet-platform/platform-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { ReconciliationModule } from '../reconciliation/reconciliation.module';
import { ReconciliationService } from '../reconciliation/reconciliation.service';
import { provisionReportTopics } from '../report-topics/provision-report-topics';
import { parseReportsApiKeys } from '../reports-api/reports-api-keys';
import { ReportsApiModule } from '../reports-api/reports-api.module';
import { cancelEvent, gameEvent, promotionCreditEvent, TEST_KAFKA_BROKERS, TestLedgerTopic } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';

const PORT = 18441;
const API_KEY = 'reporting-dashboard-key-0000000000';
const REPO = join(__dirname, '..', '..', '..', '..');
const ARTIFACTS = join(REPO, '.local', 'reporting-dashboard');
const SECRET_KEY = 'dashboard-platform-secret-0001';

/**
 * Given a seeded day in a real reporting database, when the dashboard is opened in Debian's
 * headless Chromium, then its charts are drawn by Chart.js and its tables show the day's figures
 * exactly as the API gives them, with the prizes apart and the reconciliation status of each
 * platform and day; a screenshot is kept under .local/reporting-dashboard/ (and written to
 * docs/images/reporting-dashboard.png when DOCS_SCREENSHOT=1, for docs/reporting.md).
 */
describe('GGR dashboard in headless Chromium', () => {
  let database: ScratchReportingDatabase;
  let app: INestApplication;
  let browser: Browser;
  let fake: FakePlatformServer;
  const environment = new TestLedgerTopic();

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
    const bet = gameEvent({ userId: 'u1', transactionId: '11', transactionType: 'BET', amount: '3.00' });
    const messages = [
      gameEvent({ userId: 'u1', transactionId: '1', transactionType: 'BET', amount: '120.00' }),
      gameEvent({ userId: 'u1', transactionId: '2', transactionType: 'WIN', amount: '45.50' }),
      gameEvent({ userId: 'u1', transactionId: '3', transactionType: 'BET', amount: '60.00', vendor: 'slotsxx', gameId: '201' }),
      gameEvent({ userId: 'u1', transactionId: '4', transactionType: 'WIN', amount: '12.25', vendor: 'slotsxx', gameId: '201', reason: 'PROMO-FREESPIN' }),
      gameEvent({ userId: 'u2', transactionId: '5', transactionType: 'BET', amount: '80.00', currency: 'USD' }),
      gameEvent({ userId: 'u2', transactionId: '6', transactionType: 'WIN', amount: '100.00', currency: 'USD', reason: 'JACKPOT' }),
      gameEvent({ userId: 'u1', transactionId: '7', transactionType: 'BET', amount: '30.00', platformCreatedAt: '2026-11-29 18:00:00' }),
      bet,
      cancelEvent(bet),
      promotionCreditEvent({ userId: 'u1', awardId: 'award-1', kind: 'TOURNAMENT_WIN', amount: '25.00', campaignCode: 'AUTUMN', vendor: 'netent' }),
      promotionCreditEvent({ userId: 'u2', awardId: 'award-2', kind: 'PROMO_WIN', amount: '5.00', currency: 'USD' }),
    ];
    const intake = new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn'));
    await intake.applyChunk(messages.map((message, offset) => ({ partition: 0, offset: String(offset), value: Buffer.from(JSON.stringify(message)) })));

    @Global()
    @Module({ providers: [{ provide: getDataSourceToken(), useValue: database.dataSource }], exports: [getDataSourceToken()] })
    class TestDatabaseModule {}
    const apiKeys = parseReportsApiKeys(JSON.stringify([{ name: 'it', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }]));
    // The platform agrees on the 30th; on the 29th it has a WIN we do not.
    fake = await FakePlatformServer.start({
      operatorId: 'casino1',
      secretKey: SECRET_KEY,
      fixtures: {
        businessReport: (request) =>
          request.query['date'] === '2026-11-29'
            ? '[{"entity_name":"casino","vendor":"netent","currency_code":"EUR","bets_sum":30,"bets_count":1,"wins_sum":9.99,"wins_count":1,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"20.01","date":"2026-11-29"}]'
            : '[{"entity_name":"casino","vendor":"netent","currency_code":"EUR","bets_sum":120,"bets_count":1,"wins_sum":45.5,"wins_count":1,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"74.50","date":"2026-11-30"},' +
              '{"entity_name":"casino","vendor":"netent","currency_code":"USD","bets_sum":80,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":100,"jackpots_count":1,"gross_gaming_revenue":"-20.00","date":"2026-11-30"},' +
              '{"entity_name":"casino","vendor":"slotsxx","currency_code":"EUR","bets_sum":60,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":12.25,"freespins_count":1,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"47.75","date":"2026-11-30"}]',
      },
    });
    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `dashboard-it-${environment.environmentName}`, log: () => undefined });
    await provisionReportTopics(kafka, environment.environmentName);
    @Module({
      imports: [
        TestDatabaseModule,
        ReportsApiModule.forRoot(apiKeys),
        ReconciliationModule.forRoot({
          kafka,
          environmentName: environment.environmentName,
          platforms: [{ platformId: 'plat-a', operatorId: 'casino1', secretKey: new Secret(SECRET_KEY), apiBaseUrl: fake.baseUrl }],
          tolerance: { amountMinor: 0n, count: 0n },
          schedule: { enabled: false, delayMinutes: 120, lookbackDays: 1, tickMs: 60_000 },
          apiKeys,
          logger: new JsonLogger('reporting-test', 'warn'),
        }),
      ],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(PORT, '127.0.0.1');
    const reconciliation = app.get(ReconciliationService);
    for (const day of ['2026-11-29', '2026-11-30']) await reconciliation.reconcile(reconciliation.platform('plat-a'), day, 'schedule');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await fake?.close();
    await database?.drop();
    await environment.delete();
  });

  it('loads, draws its charts and shows the figures of the seeded day', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${PORT}/reports/dashboard?from=2026-11-29&to=2026-11-30#key=${API_KEY}`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });

    const charts = await page.evaluate(() => (window as unknown as { Chart: { instances: Record<string, unknown> } }).Chart.instances);
    expect(Object.keys(charts)).toHaveLength(3);
    const figures = await page.$$eval('#figures tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)));
    expect(figures).toEqual([
      ['2026-11-29', 'netent', 'EUR', '30.00', '1', '0.00', '0.00', '0.00', '0.00', '0', '30.00'],
      ['2026-11-30', 'netent', 'EUR', '120.00', '1', '45.50', '0.00', '0.00', '0.00', '1', '74.50'],
      ['2026-11-30', 'netent', 'USD', '80.00', '1', '0.00', '0.00', '100.00', '0.00', '0', '-20.00'],
      ['2026-11-30', 'slotsxx', 'EUR', '60.00', '1', '0.00', '12.25', '0.00', '0.00', '0', '47.75'],
    ]);
    const topGames = await page.$$eval('#top-games tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)));
    expect(topGames).toEqual([
      ['101', 'netent', 'EUR', '150.00', '45.50', '104.50'],
      ['201', 'slotsxx', 'EUR', '60.00', '0.00', '47.75'],
      ['101', 'netent', 'USD', '80.00', '0.00', '-20.00'],
    ]);
    const prizes = await page.$$eval('#prizes tbody tr', (rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent)));
    expect(prizes).toEqual([
      ['2026-11-30', 'netent', 'EUR', 'AUTUMN', '25.00', '0.00'],
      ['2026-11-30', 'unknown', 'USD', '', '0.00', '5.00'],
    ]);
    const reconciliation = await page.$$eval('#reconciliation tbody tr', (rows) =>
      rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => `${cell.textContent ?? ''}${cell.className ? ` .${cell.className}` : ''}`)),
    );
    expect(reconciliation.map((row) => row.slice(0, 5))).toEqual([
      ['2026-11-30', 'plat-a', 'casino1', 'matched .matched', '0'],
      ['2026-11-29', 'plat-a', 'casino1', 'mismatched .mismatched', '1'],
    ]);
    expect(errors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    if (process.env['DOCS_SCREENSHOT'] === '1') await page.screenshot({ path: join(REPO, 'docs', 'images', 'reporting-dashboard.png'), fullPage: true });
  });
});
