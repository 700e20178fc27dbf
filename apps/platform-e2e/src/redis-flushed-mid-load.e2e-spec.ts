import Redis from 'ioredis';
import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type Answer } from '@wallet-platform/test-stack';

const PLAYERS = 10;
const BETS_PER_PLAYER = 30;
const RETRIES_MAX = 40;
const RETRY_PAUSE_MS = 100;
/** How long play may stay refused after the flush before the test calls it stuck. */
const RECOVERY_BOUND_MS = 10_000;

/**
 * Redis loses everything it held (a FLUSHALL, or a restart: it keeps nothing on disk) while
 * platforms play: the wallet's locks and fence counters, the gateway's reply-partition leases.
 * The database still holds the fences it saw, so a wallet that trusted Redis's restarted
 * counters would be refused for good. Play must resume by itself within seconds, and nothing
 * may be applied twice. The Redis here is shared with other test runs, so the flush removes all
 * keys of this stack's environment, which is exactly what a FLUSHALL does to this stack.
 */
describe('Redis flushed in the middle of a load of BETs', () => {
  const stack = new TestStack(18360);
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  let platform: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    await redis.quit();
    await stack.stop();
  });

  it('resumes play by itself within seconds and applies every BET exactly once', async () => {
    const players = await Promise.all(Array.from({ length: PLAYERS }, () => stack.seedPlayer({ balance: '1000.00' })));
    let flushedAtMs: number | null = null;
    let firstOkAfterFlushMs: number | null = null;
    let refusalsAfterFlush = 0;

    // Recovery counts from the flush to the first OK of a request *sent* after it (an answer in
    // flight at the flush proves nothing).
    const send = async (player: (typeof players)[number], transactionId: string): Promise<Answer> => {
      const sentAtMs = Date.now();
      const answer = await platform.changeBalance(player, 'BET', '1.00', { transactionId, roundId: transactionId });
      if (answer.status === 'OK' && flushedAtMs !== null && sentAtMs > flushedAtMs && firstOkAfterFlushMs === null) firstOkAfterFlushMs = Date.now();
      return answer;
    };
    const playOne = async (player: (typeof players)[number], transactionId: string): Promise<Answer> => {
      let answer = await send(player, transactionId);
      for (let attempt = 0; attempt < RETRIES_MAX && answer.status !== 'OK'; attempt++) {
        // OP_47 / OP_50 mean "unknown, try again": the platform retries identically.
        expect({ httpStatus: answer.httpStatus, hashValid: answer.hashValid, retryable: ['OP_47', 'OP_50'].includes(answer.errorCode ?? '') }).toEqual({
          httpStatus: 200,
          hashValid: true,
          retryable: true,
        });
        if (flushedAtMs !== null) refusalsAfterFlush++;
        await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
        answer = await send(player, transactionId);
      }
      return answer;
    };

    const load = Promise.all(
      players.map(async (player) => {
        const answers: Answer[] = [];
        for (let bet = 0; bet < BETS_PER_PLAYER; bet++) answers.push(await playOne(player, freshId()));
        return answers;
      }),
    );
    // Flush once the load is well under way, while commands are in flight.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const keys = await redis.keys(`${stack.environmentName}:*`);
    expect(keys.some((key) => key.includes(':wallet:player-lock:'))).toBe(true);
    await redis.del(...keys);
    flushedAtMs = Date.now();

    const answers = (await load).flat();
    expect(answers.every((answer) => answer.status === 'OK')).toBe(true);
    expect(firstOkAfterFlushMs).not.toBeNull();
    const recoveryMs = (firstOkAfterFlushMs as unknown as number) - flushedAtMs;
    expect(recoveryMs).toBeLessThan(RECOVERY_BOUND_MS);
    console.log(`redis flush: first OK ${recoveryMs} ms after the flush; ${refusalsAfterFlush} retried answers after it`);

    for (const player of players) {
      expect(await platform.balance(player)).toBe(`${1000 - BETS_PER_PLAYER}.00`);
      const applied = await stack.walletQuery<{ n: number }>(`SELECT count(*)::int AS n FROM game_transactions WHERE user_id = $1 AND status = 'OK'`, [player.user_id]);
      expect(applied).toEqual([{ n: BETS_PER_PLAYER }]);
    }
    expect((await stack.checkLedger()).ok).toBe(true);
  });
});
