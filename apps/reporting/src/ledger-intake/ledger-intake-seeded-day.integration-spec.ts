import { LedgerEventType, type LedgerEventMessage } from '@wallet-platform/contracts';
import { createScratchReportingDatabase, type ScratchReportingDatabase } from '../testing/scratch-reporting-database';
import { cancelEvent, gameEvent, promotionCreditEvent, TestLedgerTopic } from '../testing/ledger-topic';
import { dumpFigures, startInProcessIntake, waitForProcessedEvents } from '../testing/in-process-intake';

/**
 * Given a seeded day on the real topic (two vendors and an event without one, two currencies;
 * bets, wins, a refund, free-spin and jackpot wins, rake, a canceled bet and a canceled win whose
 * cancels arrive the next day, a transaction the platform dated the day before, redelivered
 * events, a cashier operation, tournament and promotion prizes (one redelivered, one paid under
 * another event id) and two malformed messages), when the intake consumes it into a real
 * PostgreSQL, then every figure is exactly the one worked out by hand below; a second pass over the
 * whole topic changes nothing; and a replay into an empty database gives the same tables.
 */
describe('ledger intake: a seeded day', () => {
  const topic = new TestLedgerTopic();
  let database: ScratchReportingDatabase;
  const distinctEventIds = 27;

  const alice = { userId: 'alice' };
  const bob = { userId: 'bob' };
  const carol = { userId: 'carol', currency: 'USD' };
  const slotsxx = { vendor: 'slotsxx', gameId: '201' };

  const a1 = gameEvent({ ...alice, transactionId: '90000000000000000001', transactionType: 'BET', amount: '10.00' });
  const a5 = gameEvent({ ...alice, transactionId: '90000000000000000005', transactionType: 'BET', amount: '2.00' });
  const b4 = gameEvent({ ...bob, transactionId: '90000000000000000014', transactionType: 'WIN', amount: '5.00' });
  const c2 = gameEvent({ ...carol, transactionId: '90000000000000000022', transactionType: 'WIN', amount: '7.77' });
  const tournament = promotionCreditEvent({ ...alice, awardId: 'award-1', kind: 'TOURNAMENT_WIN', amount: '25.00', campaignCode: 'AUTUMN' });
  const seeded: LedgerEventMessage[] = [
    a1,
    gameEvent({ ...alice, transactionId: '90000000000000000002', transactionType: 'WIN', amount: '3.30' }),
    gameEvent({ ...alice, ...slotsxx, transactionId: '90000000000000000003', transactionType: 'BET', amount: '6.10' }),
    gameEvent({ ...alice, ...slotsxx, transactionId: '90000000000000000004', transactionType: 'WIN', amount: '12.50', reason: 'PROMO-FREESPIN', campaignCode: 'WELCOME' }),
    a5,
    gameEvent({ ...alice, ...slotsxx, transactionId: '90000000000000000006', transactionType: 'WIN', amount: '50.00', reason: 'JACKPOT' }),
    a1, // redelivered by the outbox relay after a crash: same event id
    cancelEvent(a5),
    gameEvent({ ...bob, transactionId: '90000000000000000011', transactionType: 'BET', amount: '0.10' }),
    gameEvent({ ...bob, transactionId: '90000000000000000012', transactionType: 'BET', amount: '0.20' }),
    gameEvent({ ...bob, transactionId: '90000000000000000013', transactionType: 'WIN', amount: '0.31', reason: 'not_provided', rake: '0.0328' }),
    b4,
    gameEvent({ ...bob, transactionId: '90000000000000000015', transactionType: 'REFUND', amount: '0.20' }),
    gameEvent({ ...bob, transactionId: '90000000000000000016', transactionType: 'BET', amount: '1.00', gameId: '999', vendor: undefined }),
    gameEvent({ ...bob, transactionId: '90000000000000000017', transactionType: 'BET', amount: '4.00', platformCreatedAt: '2026-11-29 23:59:59', occurredAt: '2026-11-30T00:00:01.000Z' }),
    cancelEvent(b4),
    gameEvent({ ...carol, transactionId: '90000000000000000021', transactionType: 'BET', amount: '20.00' }),
    c2,
    gameEvent({ ...carol, ...slotsxx, transactionId: '90000000000000000023', transactionType: 'BET', amount: '1.23' }),
    gameEvent({ ...carol, ...slotsxx, transactionId: '90000000000000000024', transactionType: 'WIN', amount: '0.99', reason: 'PROMO-FREESPIN' }),
    c2,
    {
      eventId: 'evt-cashier-1',
      event: {
        eventType: LedgerEventType.CashierOperationApplied, operatorId: 'casino1', userId: 'alice', operationId: 'op-1', ledgerTransactionId: '7',
        kind: 'deposit', amount: '500.00', currency: 'EUR', balanceAfter: '500.00', occurredAt: '2026-11-30T08:00:00.000Z',
      },
    },
    gameEvent({ ...bob, transactionId: '90000000000000000018', transactionType: 'BET', amount: '1.234' }, 'evt-three-decimals'),
    tournament,
    tournament, // redelivered
    promotionCreditEvent({ ...bob, awardId: 'award-2', kind: 'PROMO_WIN', amount: '2.50', campaignCode: 'AUTUMN' }),
    promotionCreditEvent({ ...bob, awardId: 'award-2', kind: 'PROMO_WIN', amount: '2.50', campaignCode: 'AUTUMN' }), // same award, other event id
    promotionCreditEvent({ ...carol, awardId: 'award-3', kind: 'PROMO_WIN', amount: '0.01', occurredAt: '2026-11-30T23:59:59.999Z' }),
    promotionCreditEvent({ ...alice, awardId: 'award-4', kind: 'PROMO_WIN', amount: '7.00', campaignCode: 'AUTUMN', vendor: 'netent' }),
  ];

  const query = (db: ScratchReportingDatabase) => (sql: string) => db.dataSource.query(sql);

  beforeAll(async () => {
    await topic.create();
    await topic.publish(seeded);
    await topic.publishRaw('casino1|bob', 'not json');
    database = await createScratchReportingDatabase();
    const intake = await startInProcessIntake(database.dataSource, topic.environmentName);
    try {
      await waitForProcessedEvents(query(database), distinctEventIds);
    } finally {
      await intake.stop();
    }
  });

  afterAll(async () => {
    await database?.drop();
    await topic.delete();
  });

  const zeros = {
    bets_sum: '0.00', bets_count: '0', wins_sum: '0.00', wins_count: '0', freespin_wins_sum: '0.00', freespin_wins_count: '0',
    jackpot_wins_sum: '0.00', jackpot_wins_count: '0', refunds_sum: '0.00', refunds_count: '0', canceled_bets_sum: '0.00', canceled_bets_count: '0',
    canceled_wins_sum: '0.00', canceled_wins_count: '0', canceled_refunds_sum: '0.00', canceled_refunds_count: '0', rake_sum: '0.0000',
  };
  const row = (day: string, vendor: string, gameId: string, currency: string, figures: Partial<typeof zeros> & { ggr: string }) => ({
    day, operator_id: 'casino1', platform_id: 'plat-a', vendor, game_id: gameId, currency, ...zeros, ...figures,
  });

  it('counts every figure of the day exactly, cancels excluded from the day of the original', async () => {
    const { days } = await dumpFigures(query(database));
    expect(days).toEqual([
      row('2026-11-29', 'netent', '101', 'EUR', { bets_sum: '4.00', bets_count: '1', ggr: '4.00' }),
      row('2026-11-30', 'netent', '101', 'EUR', {
        bets_sum: '10.30', bets_count: '3', wins_sum: '3.61', wins_count: '2', refunds_sum: '0.20', refunds_count: '1',
        canceled_bets_sum: '2.00', canceled_bets_count: '1', canceled_wins_sum: '5.00', canceled_wins_count: '1', rake_sum: '0.0328', ggr: '6.49',
      }),
      row('2026-11-30', 'netent', '101', 'USD', { bets_sum: '20.00', bets_count: '1', wins_sum: '7.77', wins_count: '1', ggr: '12.23' }),
      row('2026-11-30', 'slotsxx', '201', 'EUR', {
        bets_sum: '6.10', bets_count: '1', freespin_wins_sum: '12.50', freespin_wins_count: '1', jackpot_wins_sum: '50.00', jackpot_wins_count: '1', ggr: '-56.40',
      }),
      row('2026-11-30', 'slotsxx', '201', 'USD', { bets_sum: '1.23', bets_count: '1', freespin_wins_sum: '0.99', freespin_wins_count: '1', ggr: '0.24' }),
      row('2026-11-30', 'unknown', '999', 'EUR', { bets_sum: '1.00', bets_count: '1', ggr: '1.00' }),
    ]);
  });

  it('counts tournament and promotion prizes apart from the game figures, per day, vendor, currency and campaign, each award once', async () => {
    const { promotions } = await dumpFigures(query(database));
    const prize = (vendor: string, currency: string, campaignCode: string, f: Record<string, string>) => ({
      day: '2026-11-30', operator_id: 'casino1', platform_id: 'plat-a', vendor, currency, campaign_code: campaignCode,
      tournament_wins_sum: '0.00', tournament_wins_count: '0', promo_wins_sum: '0.00', promo_wins_count: '0', ...f,
    });
    expect(promotions).toEqual([
      prize('netent', 'EUR', 'AUTUMN', { promo_wins_sum: '7.00', promo_wins_count: '1' }),
      prize('unknown', 'EUR', 'AUTUMN', { tournament_wins_sum: '25.00', tournament_wins_count: '1', promo_wins_sum: '2.50', promo_wins_count: '1' }),
      prize('unknown', 'USD', '', { promo_wins_sum: '0.01', promo_wins_count: '1' }),
    ]);
  });

  it('counts each player day: every kind of win together, cancels excluded', async () => {
    const { players } = await dumpFigures(query(database));
    const player = (day: string, userId: string, currency: string, f: Record<string, string>) => ({
      day, operator_id: 'casino1', platform_id: 'plat-a', user_id: userId, currency,
      bets_sum: '0.00', bets_count: '0', wins_sum: '0.00', wins_count: '0', refunds_sum: '0.00', refunds_count: '0', ...f,
    });
    expect(players).toEqual([
      player('2026-11-29', 'bob', 'EUR', { bets_sum: '4.00', bets_count: '1', ggr: '4.00' }),
      player('2026-11-30', 'alice', 'EUR', { bets_sum: '16.10', bets_count: '2', wins_sum: '65.80', wins_count: '3', ggr: '-49.70' }),
      player('2026-11-30', 'bob', 'EUR', { bets_sum: '1.30', bets_count: '3', wins_sum: '0.31', wins_count: '1', refunds_sum: '0.20', refunds_count: '1', ggr: '0.79' }),
      player('2026-11-30', 'carol', 'USD', { bets_sum: '21.23', bets_count: '2', wins_sum: '8.76', wins_count: '2', ggr: '12.47' }),
    ]);
  });

  it('keeps the two malformed messages aside with their reason, counting nothing from them', async () => {
    const rejected = (await database.dataSource.query(`SELECT event_id AS "eventId", reason FROM rejected_ledger_events ORDER BY event_id`)) as Array<{ eventId: string; reason: string }>;
    expect(rejected).toEqual([
      { eventId: 'evt-three-decimals', reason: 'amount: more than 2 decimal places' },
      { eventId: expect.stringMatching(/^offset:\d+:\d+$/), reason: 'message value is not JSON' },
    ]);
  });

  it('changes nothing when the whole topic is consumed again into the same database', async () => {
    const before = await dumpFigures(query(database));
    await topic.rewindReportingGroup();
    const intake = await startInProcessIntake(database.dataSource, topic.environmentName);
    try {
      // Every message is read again; the group's committed offsets tell when all of them were.
      await waitForCommittedEnd(topic);
    } finally {
      await intake.stop();
    }
    expect(await dumpFigures(query(database))).toEqual(before);
  });

  it('gives identical figures when the topic is replayed into an empty database', async () => {
    const replayed = await createScratchReportingDatabase();
    try {
      await topic.rewindReportingGroup();
      const intake = await startInProcessIntake(replayed.dataSource, topic.environmentName);
      try {
        await waitForProcessedEvents(query(replayed), distinctEventIds);
      } finally {
        await intake.stop();
      }
      expect(await dumpFigures(query(replayed))).toEqual(await dumpFigures(query(database)));
    } finally {
      await replayed.drop();
    }
  });
});

/** Waits (bounded) until the reporting group's committed offsets reach the end of every partition. */
async function waitForCommittedEnd(topic: TestLedgerTopic, timeoutMs = 30_000): Promise<void> {
  const admin = topic.kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic.topic);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [committed] = await admin.fetchOffsets({ groupId: `${topic.environmentName}.reporting`, topics: [topic.topic] });
      const done = ends.every((end) => {
        const partition = committed.partitions.find((entry) => entry.partition === end.partition);
        return end.high === '0' || (partition !== undefined && BigInt(partition.offset) >= BigInt(end.high));
      });
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the reporting group did not reach the end of the topic');
  } finally {
    await admin.disconnect();
  }
}
