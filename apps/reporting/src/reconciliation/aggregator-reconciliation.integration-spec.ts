import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import Ajv2020 from 'ajv/dist/2020';
import { AggregatorClient, type AggregatorLimits } from '@wallet-platform/aggregator-client';
import { FakeAggregatorServer, testAggregatorEntry, testRegistryOf } from '@wallet-platform/aggregator-client/testing';
import {
  LedgerEventType,
  reconciliationResultV2Schema,
  ReportTopics,
  topicName,
  type AggregatorReconciliationResultMessage,
  type AggregatorTransferEvent,
  type LedgerEventMessage,
} from '@wallet-platform/contracts';
import { createKafka } from '@wallet-platform/messaging';
import { Money } from '@wallet-platform/money';
import { JsonLogger } from '@wallet-platform/service-kit';
import { LedgerIntakeService } from '../ledger-intake/ledger-intake.service';
import { provisionReportTopics } from '../report-topics/provision-report-topics';
import { parseReportsApiKeys } from '../reports-api/reports-api-keys';
import { TEST_KAFKA_BROKERS, TestLedgerTopic } from '../testing/ledger-topic';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { AggregatorDailyReports, AggregatorReportError, REPORT_PAGES_PER_PLAYER_MAX } from './aggregator-daily-reports';
import { aggregatorsOf } from '@wallet-platform/platform-registry';
import { reconciledAggregatorsFrom, type ReconciledAggregator } from './reconciliation-aggregators';
import { ReconciliationModule } from './reconciliation.module';
import { ReconciliationScheduler } from './reconciliation.scheduler';
import type { StoredReconciliationRun } from './reconciliation.store';

const execFileAsync = promisify(execFile);
/** This spec's ports: 18430 the fake aggregator, 18431 the reports API. */
const AGGREGATOR_PORT = 18430;
const API_PORT = 18431;
const API_KEY = 'aggregator-reconciliation-it-key-0000';
const AGGREGATOR_KEY = 'AggregatorKey-reporting-it';
const FAST_LIMITS: AggregatorLimits = { readTimeoutMs: 1_000, transferTimeoutMs: 1_000, readAttemptsMax: 2, retryDelayBaseMs: 5, retryDelayMaxMs: 20 };

/**
 * Given players who moved money to the fake aggregator and back the way the wallet does (the
 * balance there read before each call, the wallet's `aggregator-transfer.changed` events applied
 * by the real intake into a real reporting database), and played there, when the day is
 * reconciled against the fake's `playerDailyReport` over HTTP, then the players whose figures
 * can be compared match exactly and the others are listed with the reason; when the aggregator
 * takes money its report does not explain, the run is mismatched on exactly that player, field
 * and amount; the results are on the real topic (kcat), valid against the v2 schema; an
 * unanswered report is a failed run, never published; the schedule reconciles an aggregator's day once.
 */
describe('reconciliation against the aggregator playerDailyReport', () => {
  const environment = new TestLedgerTopic();
  let database: ScratchReportingDatabase;
  let fake: FakeAggregatorServer;
  let client: AggregatorClient;
  let intake: LedgerIntakeService;
  let app: INestApplication;
  let offset = 0;
  const day = new Date().toISOString().slice(0, 10);
  const validate = new Ajv2020({ strict: true }).compile(reconciliationResultV2Schema);
  const api = `http://127.0.0.1:${API_PORT}/reports/v1/reconciliations`;
  const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };

  beforeAll(async () => {
    database = await createScratchReportingDatabase();
    intake = new LedgerIntakeService(database.dataSource, new JsonLogger('reporting-test', 'warn'));
    fake = await FakeAggregatorServer.start({ port: AGGREGATOR_PORT, apiKey: AGGREGATOR_KEY });
    const registry = testRegistryOf(
      testAggregatorEntry({ baseUrl: fake.baseUrl, apiKey: AGGREGATOR_KEY, currencies: ['EUR', 'IDR'], limits: FAST_LIMITS, usernamePrefix: 'zg', reconciliation: { baseCurrency: 'EUR', operatorIds: ['casino1'] } }),
    );
    client = AggregatorClient.fromRegistry(aggregatorsOf(registry)[0]);
    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: `aggregator-reconciliation-it-${environment.environmentName}`, log: () => undefined });
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
          platforms: [],
          // The registry's aggregator entry with its reconciliation, through the service's own view.
          aggregators: reconciledAggregatorsFrom(registry),
          tolerance: { amountMinor: 0n, count: 0n },
          schedule: { enabled: false, delayMinutes: 120, lookbackDays: 1, tickMs: 60_000 },
          apiKeys: parseReportsApiKeys(JSON.stringify([{ name: 'it', role: 'support', sha256: createHash('sha256').update(API_KEY).digest('hex') }])),
          logger: new JsonLogger('reporting-test', 'warn'),
        }),
      ],
    })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: false });
    await app.listen(API_PORT, '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await database?.drop();
    await environment.delete();
  });

  /** One transfer as the wallet makes it: balance read, call, and its two ledger events into the intake. */
  async function transfer(userId: string, direction: 'deposit' | 'withdraw', amount: string, currency = 'EUR'): Promise<void> {
    const username = `zg${userId}`;
    const transferId = randomUUID();
    const balance = await client.getPlayerBalance(username, currency);
    const balanceReadAt = new Date().toISOString();
    const money = Money.parseOrThrow(amount, 2, currency as never);
    const outcome = direction === 'deposit' ? await client.deposit(username, money) : await client.withdraw(username, money);
    if (outcome.outcome !== 'applied') throw new Error(`the fake did not apply a ${direction}: ${outcome.outcome}`);
    const base: Omit<AggregatorTransferEvent, 'state' | 'aggregatorBalanceBefore' | 'balanceReadAt' | 'sentAt' | 'occurredAt'> = {
      eventType: LedgerEventType.AggregatorTransferChanged, aggregatorId: 'zg', operatorId: 'casino1', userId, transferId, aggregatorUsername: username,
      direction, amount, currency, ledgerTransactionId: String(offset + 1),
    };
    const events: LedgerEventMessage[] = [
      { eventId: `evt-${randomUUID()}`, event: { ...base, state: 'pending', aggregatorBalanceBefore: null, balanceReadAt: null, sentAt: null, occurredAt: balanceReadAt } },
      { eventId: `evt-${randomUUID()}`, event: { ...base, state: 'posted', aggregatorBalanceBefore: balance.balance, balanceReadAt, sentAt: balanceReadAt, occurredAt: new Date().toISOString() } },
    ];
    await intake.applyChunk(events.map((message) => ({ partition: 0, offset: String(offset++), value: Buffer.from(JSON.stringify(message)) })));
  }

  it('matches a day whose play the balances explain, and lists the players it cannot compare with the reason', async () => {
    for (const userId of ['p1', 'p2', 'p4']) fake.addPlayer(`zg${userId}`, { EUR: '0.00' });
    fake.addPlayer('zgp3', { IDR: '0.00' });
    // p1 loses 11.50; p2 wins 5.25; each takes everything back.
    await transfer('p1', 'deposit', '50.00');
    fake.play('zgp1', 'EUR', '-2.00');
    fake.play('zgp1', 'EUR', '0.50');
    fake.play('zgp1', 'EUR', '-10.00');
    await transfer('p1', 'withdraw', '38.50');
    await transfer('p2', 'deposit', '20.00');
    fake.play('zgp2', 'EUR', '5.25');
    await transfer('p2', 'withdraw', '25.25');
    // p3 plays in IDR (the report is in EUR); p4 is still playing with money there.
    await transfer('p3', 'deposit', '1000.00', 'IDR');
    fake.play('zgp3', 'IDR', '-100.00');
    await transfer('p3', 'withdraw', '900.00', 'IDR');
    await transfer('p4', 'deposit', '10.00');
    fake.play('zgp4', 'EUR', '-1.00');

    const response = await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify({ source: 'aggregator', platformId: 'zg', day }) });
    expect(response.status).toBe(200);
    const run = (await response.json()) as StoredReconciliationRun;
    expect(run).toMatchObject({ source: 'aggregator', platformId: 'zg', operatorId: 'casino1', day, trigger: 'request', status: 'matched', error: null, published: true });
    const result = run.result as AggregatorReconciliationResultMessage;
    expect(result).toMatchObject({ schemaVersion: 2, source: 'aggregator', baseCurrency: 'EUR', summary: { matched: '2', mismatched: '0', notComparable: '2' } });
    expect(result.rows).toEqual([
      { player: { userId: 'p3', username: 'zgp3' }, currency: 'IDR', status: 'not-comparable', reason: 'currency', differences: [] },
      { player: { userId: 'p4', username: 'zgp4' }, currency: 'EUR', status: 'not-comparable', reason: 'money-left-there', differences: [] },
    ]);
    // Asked once per comparable player (p3 is not asked: its figures could not be compared anyway).
    expect(fake.requestsTo('playerDailyReport').map((request) => (JSON.parse(request.bodyText) as { username: string }).username).sort()).toEqual(['zgp1', 'zgp2', 'zgp4']);
    const messages = await readResultsWithKcat();
    expect(messages.map((message) => message.key)).toEqual([`aggregator|zg|casino1|${day}`]);
    expect(messages[0]?.value).toEqual(result);
  });

  it('flags the player whose balance there moved by money the report does not explain, with the field and exact amount', async () => {
    fake.addPlayer('zgp5', { EUR: '0.00' });
    await transfer('p5', 'deposit', '30.00');
    fake.play('zgp5', 'EUR', '-4.00');
    // The aggregator takes 3.00 outside its play: its report says −4.00, the balances say −7.00.
    fake.adjustBalanceUnreported('zgp5', 'EUR', '-3.00');
    await transfer('p5', 'withdraw', '23.00');
    const response = await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify({ source: 'aggregator', platformId: 'zg', operatorId: 'casino1', day }) });
    const run = (await response.json()) as StoredReconciliationRun;
    expect(run.status).toBe('mismatched');
    const result = run.result as AggregatorReconciliationResultMessage;
    expect(result.summary).toEqual({ matched: '2', mismatched: '1', notComparable: '2' });
    expect(result.rows.filter((row) => row.status === 'mismatched')).toEqual([
      { player: { userId: 'p5', username: 'zgp5' }, currency: 'EUR', status: 'mismatched', differences: [{ field: 'playerWinLoss', ours: '-7.00', platform: '-4.00', difference: '3.00' }] },
    ]);
    // The day's status is the latest run of the aggregator source.
    const list = (await (await fetch(`${api}?from=${day}&to=${day}&source=aggregator`, { headers: auth })).json()) as { runs: StoredReconciliationRun[] };
    expect(list.runs.map(({ source, platformId, status, runId }) => ({ source, platformId, status, runId }))).toEqual([{ source: 'aggregator', platformId: 'zg', status: 'mismatched', runId: run.runId }]);
    expect((await readResultsWithKcat()).find((message) => message.value.runId === run.runId)?.value).toEqual(result);
  });

  it('keeps an unanswered report as a failed run, unpublished; the schedule runs a closed day of the aggregator once', async () => {
    const published = (await readResultsWithKcat()).length;
    fake.inject('playerDailyReport', { kind: 'http-status', httpStatus: 503 }, 100);
    const failed = (await (await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify({ source: 'aggregator', platformId: 'zg', day }) })).json()) as StoredReconciliationRun;
    expect(failed).toMatchObject({ source: 'aggregator', status: 'failed', result: null, published: false });
    expect(failed.error).toMatch(/playerDailyReport/);
    expect(await readResultsWithKcat()).toHaveLength(published);
    fake.inject('playerDailyReport', { kind: 'http-status', httpStatus: 503 }, 0);
    // At 03:00 two days on, `day` + 1 is due (lookback 1): nobody moved money then, and only p4 had money left there.
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const scheduler = app.get(ReconciliationScheduler);
    expect(await scheduler.tick(new Date(Date.parse(`${next}T03:00:00Z`) + 86_400_000))).toBe(1);
    expect(await scheduler.tick(new Date(Date.parse(`${next}T03:05:00Z`) + 86_400_000))).toBe(0);
    const [scheduled] = (await database.dataSource.query(`SELECT source, status, result FROM reconciliation_runs WHERE day = $1::date AND trigger = 'schedule'`, [next])) as Array<{ source: string; status: string; result: AggregatorReconciliationResultMessage }>;
    // p4 left money there and the fake reports play of p4 only on `day`: nothing reported on the next day, nothing to compare.
    expect(scheduled).toMatchObject({ source: 'aggregator', status: 'matched', result: { summary: { matched: '0', mismatched: '0', notComparable: '0' }, rows: [] } });
  });

  it("sums exactly the items of the UTC day over every page, and fails a walk longer than its bound", async () => {
    const [aggregator] = reconciledAggregatorsFrom(
      testRegistryOf(testAggregatorEntry({ baseUrl: fake.baseUrl, apiKey: AGGREGATOR_KEY, limits: FAST_LIMITS, reconciliation: { baseCurrency: 'EUR', operatorIds: ['casino1'] } })),
    );
    const item = (timestamp: string, playerWinLoss: string) => ({ playerWinLoss, validTurnOver: '0', agentWinLoss: '0', agentCommission: '0', agentContribution: '0', playerFreeRound: '0', freeRoundCount: 0, timestamp });
    const pages: Record<number, unknown[]> = {
      // The next midnight belongs to the next day, the hour before this day's to the day before.
      1: [item('2026-12-01T00:00:00Z', '-100'), item('2026-11-30T23:00:00Z', '-1.25')],
      2: [item('2026-11-30T00:00:00Z', '0.2500000001'), item('2026-11-29T23:00:00Z', '-50')],
    };
    const answer = (page: number, next: number) => ({ kind: 'raw-answer' as const, bodyText: JSON.stringify({ ok: true, result: { items: pages[page] ?? [], paginate: { page, perPage: 100, next } } }) });
    fake.injectWith('playerDailyReport', (body) => {
      const page = (body['paginate'] as { page: number }).page;
      return answer(page, page < 2 ? 1 : 0);
    });
    try {
      expect(await new AggregatorDailyReports().playerDay(aggregator as ReconciledAggregator, 'zgp1', '2026-11-30')).toEqual({ playerWinLoss: '-0.9999999999' });
      fake.injectWith('playerDailyReport', (body) => answer((body['paginate'] as { page: number }).page, 1));
      await expect(new AggregatorDailyReports().playerDay(aggregator as ReconciledAggregator, 'zgp1', '2026-11-30')).rejects.toThrow(new AggregatorReportError(`playerDailyReport of zgp1 on 2026-11-30 has more than ${REPORT_PAGES_PER_PLAYER_MAX} pages`));
    } finally {
      fake.injectWith('playerDailyReport', undefined);
    }
  });

  it.each([
    [{ source: 'aggregator', platformId: 'nope', day: '2026-11-30' }, 404, undefined],
    [{ source: 'aggregator', platformId: 'zg', operatorId: 'other', day: '2026-11-30' }, 404, undefined],
    [{ source: 'ledger', platformId: 'zg', day: '2026-11-30' }, 400, 'source'],
  ])('refuses %j with %i', async (body, status, parameter) => {
    const response = await fetch(api, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { parameter?: string }).parameter).toBe(parameter);
  });

  async function readResultsWithKcat(): Promise<Array<{ key: string; value: AggregatorReconciliationResultMessage }>> {
    const { stdout } = await execFileAsync('kcat', ['-C', '-b', TEST_KAFKA_BROKERS.join(','), '-t', topicName(environment.environmentName, ReportTopics.reconciliationResults), '-o', 'beginning', '-e', '-q', '-J'], { timeout: 30_000 });
    return stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const envelope = JSON.parse(line) as { key: string; payload: string };
        const value = JSON.parse(envelope.payload) as unknown;
        if (!validate(value)) throw new Error(`result ${envelope.key} does not match its schema: ${JSON.stringify(validate.errors)}`);
        return { key: envelope.key, value: value as AggregatorReconciliationResultMessage };
      });
  }
});
