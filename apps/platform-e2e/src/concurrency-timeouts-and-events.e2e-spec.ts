import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

/**
 * The hard cases: many BETs of one player at once through two gateways, a BET whose answer times
 * out followed by the platform's cancel, and the ledger events that leave through the outbox.
 */
describe('concurrency, timeouts and ledger events', () => {
  const stack = new TestStack(18270);
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  let platforms: GamePlatform[];

  beforeAll(async () => {
    await stack.start(2);
    // A third gateway with a deadline short enough to be overrun on purpose.
    await stack.startGateway(2, { WALLET_REPLY_TIMEOUT_MS: '300' });
    platforms = [0, 1, 2].map((instance) => new GamePlatform(new PlatformClient(stack.gatewayUrl(instance), TEST_OPERATOR_ID, TEST_SECRET_KEY)));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    await redis.quit();
    expect(report.ok).toBe(true);
  });

  it('never overdraws: 50 concurrent BETs of 30.00 on 1000.00 → 33 taken, 17 OP_31, 10.00 left', async () => {
    const player = await stack.seedPlayer({ balance: '1000.00' });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => platforms[i % 2].changeBalance(player, 'BET', '30.00')));
    const taken = answers.filter((answer) => answer.status === 'OK');
    const refused = answers.filter((answer) => answer.errorCode === 'OP_31');
    expect([taken.length, refused.length]).toEqual([33, 17]);
    // Each taken BET saw a different balance after it: 970.00, 940.00, ... 10.00.
    const balancesAfter = taken.map((answer) => answer.balance).sort((a, b) => Number(b) - Number(a));
    expect(balancesAfter).toEqual(Array.from({ length: 33 }, (_, i) => `${1000 - 30 * (i + 1)}.00`));
    expect(await platforms[0].balance(player)).toBe('10.00');
  });

  it('answers OP_47 past the deadline; the platform’s cancel then leaves the balance as it was', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const [{ id: playerId }] = await stack.walletQuery<{ id: string }>(`SELECT id FROM players WHERE user_id = $1`, [player.user_id]);
    // Another command holds the player for 1.5 s: the wallet cannot answer within 300 ms.
    await redis.set(`${stack.environmentName}:wallet:player-lock:${playerId}`, 'held-by-test', 'PX', 1_500);
    const transactionId = freshId();
    const bet = await platforms[2].changeBalance(player, 'BET', '25.00', { transactionId });
    expect([bet.status, bet.errorCode, bet.hashValid]).toEqual(['ERROR', 'OP_47', true]);

    const cancel = await platforms[0].cancel(player, transactionId);
    // Whether the wallet applied the late BET before the cancel (then reversed it) or not (then
    // the cancel left a mark and the BET is refused if it still comes), the money is where it was.
    expect(['CANCELED', 'OP_41']).toContain(cancel.data['transaction_status'] ?? cancel.errorCode);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await platforms[0].balance(player)).toBe('100.00');
    expect((await platforms[0].status(player, transactionId)).data['transaction_status']).toBe('CANCELED');
  });

  it('publishes one ledger event per applied or canceled transaction, keyed by player', async () => {
    const player = await stack.seedPlayer({ balance: '10.00' });
    const bet = freshId();
    await platforms[0].changeBalance(player, 'BET', '1.00', { transactionId: bet });
    await platforms[0].changeBalance(player, 'WIN', '2.00');
    await platforms[0].cancel(player, bet);

    const kafka = new Kafka({ clientId: 'e2e-events', brokers: [process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092'], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `${stack.environmentName}.e2e-reader.${freshId()}` });
    const seen: Array<{ key: string; eventId: string; eventType: string; transactionId: string; amount: string }> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${stack.environmentName}.wallet.ledger-events`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const { eventId, event } = JSON.parse(message.value!.toString()) as { eventId: string; event: { eventType: string; userId: string; transactionId: string; amount: string } };
        if (event.userId === player.user_id) seen.push({ key: message.key!.toString(), eventId, eventType: event.eventType, transactionId: event.transactionId, amount: event.amount });
      },
    });
    const deadline = Date.now() + 20_000;
    while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await consumer.disconnect();

    expect(seen.map((event) => [event.eventType, event.amount])).toEqual([
      ['game-transaction.applied', '1.00'],
      ['game-transaction.applied', '2.00'],
      ['game-transaction.canceled', '1.00'],
    ]);
    expect(new Set(seen.map((event) => event.eventId)).size).toBe(3);
    expect(seen.every((event) => event.key === `${TEST_OPERATOR_ID}|${player.user_id}`)).toBe(true);
    const [{ unpublished }] = await stack.walletQuery<{ unpublished: number }>(`SELECT count(*)::int AS unpublished FROM outbox_events WHERE published_at IS NULL`);
    expect(unpublished).toBe(0);
  });
});
