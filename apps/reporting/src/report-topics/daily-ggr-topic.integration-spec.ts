import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import { dailyGgrRowSchema, ReportTopics, topicName, type DailyGgrRowMessage } from '@wallet-platform/contracts';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { cancelEvent, gameEvent, promotionCreditEvent, TEST_KAFKA_BROKERS, TestLedgerTopic } from '../testing/ledger-topic';
import { startInProcessReporting, waitForProcessedEvents } from '../testing/in-process-intake';

const execFileAsync = promisify(execFile);

/**
 * Given ledger events of a day over two vendors and two currencies, when the reporting service has
 * applied them, then `reporting.daily-ggr` read with kcat (as an analyst would) holds one current
 * row per day × operator × platform × vendor × currency, every message valid against the exported
 * JSON Schema; and when a late cancel changes a day, the row is republished with the new figures.
 */
describe('the daily GGR topic, read with kcat', () => {
  const topic = new TestLedgerTopic();
  let database: ScratchReportingDatabase;
  let reporting: Awaited<ReturnType<typeof startInProcessReporting>>;
  const validate = new Ajv2020({ strict: true }).compile(dailyGgrRowSchema);
  const bet = gameEvent({ userId: 'dora', transactionId: '1001', transactionType: 'BET', amount: '25.00' });

  beforeAll(async () => {
    await topic.create();
    database = await createScratchReportingDatabase();
    reporting = await startInProcessReporting(database.dataSource, topic.environmentName);
  });

  afterAll(async () => {
    await reporting?.stop();
    await database?.drop();
    await topic.delete();
  });

  it('holds the current row of every key, each message valid against its schema, and republishes a changed day', async () => {
    await topic.publish([
      bet,
      gameEvent({ userId: 'dora', transactionId: '1002', transactionType: 'WIN', amount: '10.10' }),
      gameEvent({ userId: 'dora', transactionId: '1003', transactionType: 'BET', amount: '3.00', vendor: 'slotsxx', gameId: '201' }),
      gameEvent({ userId: 'ed', currency: 'USD', transactionId: '1004', transactionType: 'BET', amount: '7.00' }),
      gameEvent({ userId: 'ed', currency: 'USD', transactionId: '1005', transactionType: 'WIN', amount: '1.50', reason: 'PROMO-FREESPIN', gameId: '102' }),
    ]);
    await waitForProcessedEvents((sql) => database.dataSource.query(sql), 5);
    await waitForNothingToPublish(database);

    const first = latestByKey(await readWithKcat(topic.environmentName));
    expect([...first.keys()].sort()).toEqual(['2026-11-30|casino1|plat-a|netent|EUR', '2026-11-30|casino1|plat-a|netent|USD', '2026-11-30|casino1|plat-a|slotsxx|EUR']);
    expect(pick(first.get('2026-11-30|casino1|plat-a|netent|EUR'))).toEqual({ betsSum: '25.00', betsCount: '1', winsSum: '10.10', freeSpinWinsSum: '0.00', canceledBetsCount: '0', ggr: '14.90' });
    // Two games of netent USD are one row of the topic.
    expect(pick(first.get('2026-11-30|casino1|plat-a|netent|USD'))).toEqual({ betsSum: '7.00', betsCount: '1', winsSum: '0.00', freeSpinWinsSum: '1.50', canceledBetsCount: '0', ggr: '5.50' });
    expect(pick(first.get('2026-11-30|casino1|plat-a|slotsxx|EUR'))).toEqual({ betsSum: '3.00', betsCount: '1', winsSum: '0.00', freeSpinWinsSum: '0.00', canceledBetsCount: '0', ggr: '3.00' });

    expect(first.get('2026-11-30|casino1|plat-a|netent|EUR')).toMatchObject({ tournamentWinsSum: '0.00', tournamentWinsCount: '0', promoWinsSum: '0.00', promoWinsCount: '0' });

    // The next day the platform cancels the bet of the 30th, and a tournament prize of the 30th
    // arrives late: the 30th's netent EUR row is republished with both; the GGR leaves the prize out.
    await topic.publish([cancelEvent(bet), promotionCreditEvent({ userId: 'dora', awardId: 'award-9', kind: 'TOURNAMENT_WIN', amount: '40.00', vendor: 'netent', campaignCode: 'AUTUMN' })]);
    await waitForProcessedEvents((sql) => database.dataSource.query(sql), 7);
    await waitForNothingToPublish(database);
    const messages = await readWithKcat(topic.environmentName);
    const second = latestByKey(messages);
    expect(pick(second.get('2026-11-30|casino1|plat-a|netent|EUR'))).toEqual({ betsSum: '0.00', betsCount: '0', winsSum: '10.10', freeSpinWinsSum: '0.00', canceledBetsCount: '1', ggr: '-10.10' });
    expect(second.get('2026-11-30|casino1|plat-a|netent|EUR')).toMatchObject({ tournamentWinsSum: '40.00', tournamentWinsCount: '1', promoWinsSum: '0.00', promoWinsCount: '0' });
    expect(second.get('2026-11-30|casino1|plat-a|slotsxx|EUR')).toEqual(first.get('2026-11-30|casino1|plat-a|slotsxx|EUR'));
    expect(messages.filter((message) => message.key === '2026-11-30|casino1|plat-a|netent|EUR').length).toBeGreaterThanOrEqual(2);
  });

  /** Every message of the topic, read with kcat from the beginning to the end, each validated. */
  async function readWithKcat(environmentName: string): Promise<Array<{ key: string; value: DailyGgrRowMessage }>> {
    const { stdout } = await execFileAsync('kcat', ['-C', '-b', TEST_KAFKA_BROKERS.join(','), '-t', topicName(environmentName, ReportTopics.dailyGgr), '-o', 'beginning', '-e', '-q', '-J'], { timeout: 30_000 });
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(0);
    return lines.map((line) => {
      const envelope = JSON.parse(line) as { key: string; payload: string };
      const value = JSON.parse(envelope.payload) as unknown;
      if (!validate(value)) throw new Error(`message of key ${envelope.key} does not match its schema: ${JSON.stringify(validate.errors)}`);
      expect((value as DailyGgrRowMessage).schemaId).toBe(dailyGgrRowSchema.$id);
      return { key: envelope.key, value: value as DailyGgrRowMessage };
    });
  }
});

function latestByKey(messages: ReadonlyArray<{ key: string; value: DailyGgrRowMessage }>): Map<string, DailyGgrRowMessage> {
  // kcat reads partition by partition; one key lives in one partition, in order.
  return new Map(messages.map((message) => [message.key, message.value]));
}

function pick(row: DailyGgrRowMessage | undefined): Record<string, string> | undefined {
  if (!row) return undefined;
  const { betsSum, betsCount, winsSum, freeSpinWinsSum, canceledBetsCount, ggr } = row;
  return { betsSum, betsCount, winsSum, freeSpinWinsSum, canceledBetsCount, ggr };
}

async function waitForNothingToPublish(database: ScratchReportingDatabase, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ count }] = (await database.dataSource.query(`SELECT count(*)::text AS count FROM ggr_rows_to_publish`)) as Array<{ count: string }>;
    if (count === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('GGR rows still waiting to be published');
}
