import { Secret } from '@wallet-platform/platform-registry';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import Ajv2020 from 'ajv/dist/2020';
import { reconciliationResultSchema, ReportTopics, topicName, type ReconciliationResultMessage } from '@wallet-platform/contracts';
import { createKafka } from '@wallet-platform/messaging';
import { FakePlatformServer } from '@wallet-platform/platform-client/testing';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { provisionReportTopics } from '../report-topics/provision-report-topics';
import { parseReportsApiKeys } from '../reports-api/reports-api-keys';
import { serveReportsOpenApi } from '../reports-api/reports-openapi';
import { cancelEvent, gameEvent, TEST_KAFKA_BROKERS, TestLedgerTopic } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { ReconciliationModule } from './reconciliation.module';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import type { StoredReconciliationRun } from './reconciliation.store';

const execFileAsync = promisify(execFile);
const PORT = 18442;
const API_KEY = 'reconciliation-it-key-000000000000';
const SECRET_KEY = 'reconciliation-secret-key-0001';

/**
 * Given our figures of 2026-11-30 in a real reporting database and the fake platform server
 * serving its business report over HTTP, when the scheduler's pass runs after the day has closed,
 * then the day is reconciled once and stored as matched, and its result is on the real
 * `reporting.reconciliation-results` topic (read with kcat, valid against its schema); when the
 * platform then reports one WIN we do not have and the day is run again through the REST API,
 * the run is mismatched on that row with the exact fields and amounts, and it is the day's status;
 * a report that cannot be read is a failed run, kept with its reason, never published, and the
 * scheduler tries that day again.
 */
describe('reconciliation runs: scheduled, stored, published, on request', () => {
  const environment = new TestLedgerTopic();
  let database: ScratchReportingDatabase;
  let fake: FakePlatformServer;
  let app: INestApplication;
  let report = '[]';
  const validate = new Ajv2020({ strict: true }).compile(reconciliationResultSchema);
  const api = `http://127.0.0.1:${PORT}/reports/v1/reconciliations`;
  const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  const row = (vendor: string, currency: string, figures: string) =>
    `{"entity_name":"casino","vendor":"${vendor}","currency_code":"${currency}",${figures},"date":"2026-11-30"}`;
  const slotsxxUsd = row('slotsxx', 'USD', '"bets_sum":1.2,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"1.20"');
  const matching = `[${row('netent', 'EUR', '"bets_sum":6.1,"bets_count":1,"wins_sum":3.30,"wins_count":1,"freespins_sum":1,"freespins_count":1,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"1.80"')},${slotsxxUsd}]`;
  // The platform has a WIN of 2.50 on netent EUR that we do not.
  const withPlantedWin = `[${row('netent', 'EUR', '"bets_sum":6.1,"bets_count":1,"wins_sum":5.80,"wins_count":2,"freespins_sum":1,"freespins_count":1,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"-0.70"')},${slotsxxUsd}]`;

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
    const canceled = gameEvent({ userId: 'u1', transactionId: '9', transactionType: 'BET', amount: '5.00' });
    const messages = [
      gameEvent({ userId: 'u1', transactionId: '1', transactionType: 'BET', amount: '6.10' }),
      gameEvent({ userId: 'u1', transactionId: '2', transactionType: 'WIN', amount: '3.30' }),
      gameEvent({ userId: 'u1', transactionId: '3', transactionType: 'WIN', amount: '1.00', reason: 'PROMO-FREESPIN' }),
      gameEvent({ userId: 'u2', transactionId: '4', transactionType: 'BET', amount: '1.20', currency: 'USD', vendor: 'slotsxx', gameId: '201' }),
      canceled,
      cancelEvent(canceled),
    ];
    await new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn')).applyChunk(
      messages.map((message, offset) => ({ partition: 0, offset: String(offset), value: Buffer.from(JSON.stringify(message)) })),
    );
    fake = await FakePlatformServer.start({ operatorId: 'casino1', secretKey: SECRET_KEY, fixtures: { businessReport: (request) => (request.query['date'] === '2026-11-30' ? report : '[]') } });

    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `reconciliation-it-${environment.environmentName}`, log: () => undefined });
    await provisionReportTopics(kafka, environment.environmentName);
    @Global()
    @Module({ providers: [{ provide: getDataSourceToken(), useValue: database.dataSource }], exports: [getDataSourceToken()] })
    class TestDatabaseModule {}
    @Module({
      imports: [
        TestDatabaseModule,
        ReconciliationModule.forRoot({
          kafka,
          environmentName: environment.environmentName,
          platforms: [{ platformId: 'plat-a', operatorId: 'casino1', secretKey: new Secret(SECRET_KEY), apiBaseUrl: fake.baseUrl }],
          tolerance: { amountMinor: 0n, count: 0n },
          // Off: the test runs the scheduler's passes itself, at a chosen time.
          schedule: { enabled: false, delayMinutes: 120, lookbackDays: 1, tickMs: 60_000 },
          apiKeys: parseReportsApiKeys(JSON.stringify([{ name: 'it', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }])),
          logger: new JsonLogger('reporting-test', 'warn'),
        }),
      ],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    serveReportsOpenApi(app);
    await app.listen(PORT, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await database?.drop();
    await environment.delete();
  });

  const runs = async () =>
    (await database.dataSource.query(`SELECT trigger, status, to_char(day, 'YYYY-MM-DD') AS day, published_at IS NOT NULL AS published FROM reconciliation_runs ORDER BY ran_at`)) as Array<Record<string, unknown>>;

  it('reconciles a closed day once by the schedule: matched, stored, and on the topic valid against its schema', async () => {
    report = matching;
    const scheduler = app.get(ReconciliationScheduler);
    // 01:00 on 1 December: the 30th ended an hour ago, within the delay of two hours: only the 29th
    // is due (no figures on either side: matched).
    expect(await scheduler.tick(new Date('2026-12-01T01:00:00Z'))).toBe(1);
    expect(await runs()).toEqual([{ trigger: 'schedule', status: 'matched', day: '2026-11-29', published: true }]);
    // 03:00: the 30th is due, and is run once.
    expect(await scheduler.tick(new Date('2026-12-01T03:00:00Z'))).toBe(1);
    expect(await scheduler.tick(new Date('2026-12-01T03:05:00Z'))).toBe(0);
    expect(await runs()).toEqual([
      { trigger: 'schedule', status: 'matched', day: '2026-11-29', published: true },
      { trigger: 'schedule', status: 'matched', day: '2026-11-30', published: true },
    ]);
    const messages = await readResultsWithKcat(environment.environmentName);
    expect(messages.map((message) => [message.key, message.value.status])).toEqual([
      ['plat-a|casino1|2026-11-29', 'matched'],
      ['plat-a|casino1|2026-11-30', 'matched'],
    ]);
    expect(messages[1].value).toMatchObject({
      platformId: 'plat-a', operatorId: 'casino1', day: '2026-11-30', tolerance: { amount: '0.00', count: '0' },
      rows: [
        { vendor: 'netent', currency: 'EUR', status: 'matched', differences: [] },
        { vendor: 'slotsxx', currency: 'USD', status: 'matched', differences: [] },
      ],
    });
  });

  it('flags a day with one planted WIN the platform has and we do not, with the exact field and amount, run on request through the API', async () => {
    report = withPlantedWin;
    const response = await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify({ platformId: 'plat-a', day: '2026-11-30' }) });
    expect(response.status).toBe(200);
    const run = (await response.json()) as StoredReconciliationRun;
    expect(run).toMatchObject({ platformId: 'plat-a', operatorId: 'casino1', day: '2026-11-30', trigger: 'request', status: 'mismatched', error: null, published: true });
    expect(run.result?.rows).toEqual([
      {
        vendor: 'netent', currency: 'EUR', status: 'mismatched',
        differences: [
          { field: 'wins_sum', ours: '3.30', platform: '5.80', difference: '2.50' },
          { field: 'wins_count', ours: '1', platform: '2', difference: '1' },
          { field: 'gross_gaming_revenue', ours: '1.80', platform: '-0.70', difference: '-2.50' },
        ],
      },
      { vendor: 'slotsxx', currency: 'USD', status: 'matched', differences: [] },
    ]);
    // The day's status is its latest run; the run is kept and on the topic.
    const list = (await (await fetch(`${api}?from=2026-11-29&to=2026-11-30`, { headers: auth })).json()) as { runs: StoredReconciliationRun[]; hasMore: boolean };
    expect(list.runs.map(({ day, status, trigger }) => ({ day, status, trigger }))).toEqual([
      { day: '2026-11-30', status: 'mismatched', trigger: 'request' },
      { day: '2026-11-29', status: 'matched', trigger: 'schedule' },
    ]);
    expect(await (await fetch(`${api}/${run.runId}`, { headers: auth })).json()).toEqual(run);
    const messages = await readResultsWithKcat(environment.environmentName);
    expect(messages.find((message) => message.value.runId === run.runId)?.value).toEqual(run.result);
  });

  it('keeps an unreadable report as a failed run, publishes nothing for it, and the schedule tries the day again', async () => {
    // A new day with no scheduled run yet: 1 December, due at 02:00 on the 2nd.
    fake.misbehave('businessReport', { kind: 'invalid-json' });
    const scheduler = app.get(ReconciliationScheduler);
    const published = (await readResultsWithKcat(environment.environmentName)).length;
    expect(await scheduler.tick(new Date('2026-12-02T03:00:00Z'))).toBe(1);
    const [failed] = (await database.dataSource.query(`SELECT status, error, published_at FROM reconciliation_runs WHERE day = '2026-12-01'`)) as Array<{ status: string; error: string; published_at: unknown }>;
    expect(failed).toMatchObject({ status: 'failed', published_at: null });
    expect(failed.error).toMatch(/^platform "plat-a": businessReport failed/);
    expect(await readResultsWithKcat(environment.environmentName)).toHaveLength(published);
    // The platform answers again: the next pass reconciles the 1st (nothing on either side: matched).
    fake.behaveNormally();
    report = '[]';
    expect(await scheduler.tick(new Date('2026-12-02T03:05:00Z'))).toBe(1);
    expect(await scheduler.tick(new Date('2026-12-02T03:10:00Z'))).toBe(0);
    const statuses = (await database.dataSource.query(`SELECT status FROM reconciliation_runs WHERE day = '2026-12-01' ORDER BY ran_at`)) as Array<{ status: string }>;
    expect(statuses.map((entry) => entry.status)).toEqual(['failed', 'matched']);
  });

  it.each([
    [{ day: '2026-11-30' }, 400, 'platformId'],
    [{ platformId: 'plat-a', day: '2026-11-31' }, 400, 'day'],
    [{ platformId: 'plat-a', day: '2999-01-01' }, 400, 'day'],
    [{ platformId: 'plat-b', day: '2026-11-30' }, 404, undefined],
  ])('refuses %j with %i', async (body, status, parameter) => {
    const response = await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    expect(response.status).toBe(status);
    const answer = (await response.json()) as { error: string; parameter?: string };
    expect(answer.parameter).toBe(parameter);
  });

  it('refuses a caller without a valid key, and documents itself in OpenAPI', async () => {
    expect((await fetch(`${api}?from=2026-11-30&to=2026-11-30`)).status).toBe(401);
    expect((await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"platformId":"plat-a","day":"2026-11-30"}' })).status).toBe(401);
    expect((await fetch(`${api}/3ab90edc-8c2b-4592-88ca-ddcb539285f4`, { headers: auth })).status).toBe(404);
    const document = (await (await fetch(`http://127.0.0.1:${PORT}/reports/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths['/reports/v1/reconciliations'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(document.paths).toHaveProperty(['/reports/v1/reconciliations/{runId}']);
  });

  /** Every message of the results topic, read with kcat, each validated against the exported schema. */
  async function readResultsWithKcat(environmentName: string): Promise<Array<{ key: string; value: ReconciliationResultMessage }>> {
    const { stdout } = await execFileAsync('kcat', ['-C', '-b', TEST_KAFKA_BROKERS.join(','), '-t', topicName(environmentName, ReportTopics.reconciliationResults), '-o', 'beginning', '-e', '-q', '-J'], { timeout: 30_000 });
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const envelope = JSON.parse(line) as { key: string; payload: string };
        const value = JSON.parse(envelope.payload) as unknown;
        if (!validate(value)) throw new Error(`result ${envelope.key} does not match its schema: ${JSON.stringify(validate.errors)}`);
        return { key: envelope.key, value: value as ReconciliationResultMessage };
      });
  }
});
