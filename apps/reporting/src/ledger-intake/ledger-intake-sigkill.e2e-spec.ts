import { TestStack } from '@wallet-platform/test-stack';
import type { LedgerEventMessage } from '@wallet-platform/contracts';
import { cancelEvent, gameEvent, TestLedgerTopic } from '../testing/ledger-topic';

/**
 * Given the compiled reporting service consuming a stream of ledger events, when it is killed with
 * SIGKILL in the middle of the stream (wherever it is: inside a database transaction, between the
 * commit and the offset commit) and started again, then every event is counted exactly once: the
 * totals equal the sums worked out here from the events themselves.
 */
describe('reporting service killed mid-stream', () => {
  const stack = new TestStack(18400);
  const topic = new TestLedgerTopic(stack.environmentName);
  const players = 40;
  const gameTransactions = 3_600;

  /** Expected figures per vendor × currency, summed in integer cents from the events published. */
  const expected = new Map<string, { betsCents: bigint; betsCount: bigint; winsCents: bigint; winsCount: bigint; canceledBetsCount: bigint }>();
  const messages: LedgerEventMessage[] = [];
  for (let index = 0; index < gameTransactions; index += 1) {
    const userId = `player-${index % players}`;
    const currency = index % players < players / 2 ? 'EUR' : 'USD';
    const vendor = index % 3 === 0 ? 'slotsxx' : 'netent';
    const isBet = index % 2 === 0;
    const cents = BigInt((index * 37) % 10_000 + 1);
    const amount = `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    const message = gameEvent({ userId, currency, vendor, gameId: vendor === 'netent' ? '101' : '201', transactionId: String(50_000_000_000_000_000n + BigInt(index)), transactionType: isBet ? 'BET' : 'WIN', amount });
    messages.push(message);
    const key = `${vendor}|${currency}`;
    const figures = expected.get(key) ?? { betsCents: 0n, betsCount: 0n, winsCents: 0n, winsCount: 0n, canceledBetsCount: 0n };
    expected.set(key, figures);
    if (isBet && index % 10 === 0) {
      // Every fifth bet is canceled right after it.
      messages.push(cancelEvent(message));
      figures.canceledBetsCount += 1n;
    } else if (isBet) {
      figures.betsCents += cents;
      figures.betsCount += 1n;
    } else {
      figures.winsCents += cents;
      figures.winsCount += 1n;
    }
  }
  const half = Math.floor(messages.length / 2);

  beforeAll(async () => {
    await topic.create();
  });

  afterAll(async () => {
    await stack.stop();
    await topic.delete();
  });

  it('counts nothing twice and loses nothing', async () => {
    await topic.publish(messages.slice(0, half));
    await stack.startReportingAlone();
    const processedAtKill = await waitForProcessed(stack, 1n);
    await stack.killService('reporting');
    // Killed mid-stream: part of the first half only was applied.
    expect(processedAtKill).toBeLessThan(BigInt(half));

    await topic.publish(messages.slice(half));
    await stack.startReporting();
    expect(await waitForProcessed(stack, BigInt(messages.length))).toBe(BigInt(messages.length));

    const rows = await stack.reportingQuery<{ vendor: string; currency: string; bets_sum: string; bets_count: string; wins_sum: string; wins_count: string; canceled_bets_count: string }>(
      `SELECT vendor, currency, sum(bets_sum)::text AS bets_sum, sum(bets_count)::text AS bets_count, sum(wins_sum)::text AS wins_sum,
              sum(wins_count)::text AS wins_count, sum(canceled_bets_count)::text AS canceled_bets_count
         FROM daily_game_totals GROUP BY vendor, currency ORDER BY vendor, currency`,
    );
    const decimal = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
    expect(rows).toEqual(
      [...expected.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([key, f]) => ({
          vendor: key.split('|')[0], currency: key.split('|')[1], bets_sum: decimal(f.betsCents), bets_count: String(f.betsCount),
          wins_sum: decimal(f.winsCents), wins_count: String(f.winsCount), canceled_bets_count: String(f.canceledBetsCount),
        })),
    );
    const [{ reported, rejected }] = await stack.reportingQuery<{ reported: string; rejected: string }>(
      `SELECT (SELECT count(*) FROM reported_game_transactions)::text AS reported, (SELECT count(*) FROM rejected_ledger_events)::text AS rejected`,
    );
    expect({ reported, rejected }).toEqual({ reported: String(gameTransactions), rejected: '0' });
  });
});

/** Polls (bounded) the reporting database until at least `count` events are claimed; answers the count seen. */
async function waitForProcessed(stack: TestStack, count: bigint, timeoutMs = 60_000): Promise<bigint> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [{ processed }] = await stack.reportingQuery<{ processed: string }>(`SELECT count(*)::text AS processed FROM processed_ledger_events`);
    if (BigInt(processed) >= count) return BigInt(processed);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} ledger events processed within ${timeoutMs} ms`);
}
