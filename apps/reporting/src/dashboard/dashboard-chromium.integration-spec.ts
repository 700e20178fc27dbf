import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { chromium, type Browser } from 'playwright-core';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { parseReportsApiKeys } from '../reports-api/reports-api-keys';
import { ReportsApiModule } from '../reports-api/reports-api.module';
import { cancelEvent, gameEvent } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';

const PORT = 18441;
const API_KEY = 'reporting-dashboard-key-0000000000';
const ARTIFACTS = join(__dirname, '..', '..', '..', '..', '.local', 'reporting-dashboard');

/**
 * Given a seeded day in a real reporting database, when the dashboard is opened in Debian's
 * headless Chromium, then its charts are drawn by Chart.js and its tables show the day's figures
 * exactly as the API gives them; a screenshot is kept under .local/reporting-dashboard/.
 */
describe('GGR dashboard in headless Chromium', () => {
  let database: ScratchReportingDatabase;
  let app: INestApplication;
  let browser: Browser;

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
    ];
    const intake = new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn'));
    await intake.applyChunk(messages.map((message, offset) => ({ partition: 0, offset: String(offset), value: Buffer.from(JSON.stringify(message)) })));

    @Global()
    @Module({ providers: [{ provide: getDataSourceToken(), useValue: database.dataSource }], exports: [getDataSourceToken()] })
    class TestDatabaseModule {}
    @Module({ imports: [TestDatabaseModule, ReportsApiModule.forRoot(parseReportsApiKeys(JSON.stringify([{ name: 'it', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }])))] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(PORT, '127.0.0.1');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.drop();
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
    expect(errors).toEqual([]);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  });
});
