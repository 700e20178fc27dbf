import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type Answer } from '@wallet-platform/test-stack';

const BETS = 60;
const RETRIES_MAX = 8;
const BATCH_PLAYERS = 10;
const BETS_PER_PLAYER = 8;

/**
 * The wallet is killed with SIGKILL while BETs are in flight, then restarted. The platform does
 * what platforms do: retries every BET that got no definite answer, with the same transaction id.
 * In the end every BET is applied exactly once, the balance is exact, and the ledger is sound.
 * The wallet decides and writes commands a batch at a time: the second case lands the kill inside
 * a batch's write statement, so the whole batch is lost on the wallet's side and
 * must be replayed from Kafka and the platform's retries, without doubling any of it.
 */
describe('wallet killed (SIGKILL) in the middle of a burst of BETs', () => {
  const stack = new TestStack(18290);
  let platform: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    await stack.startGateway(1, { WALLET_REPLY_TIMEOUT_MS: '1500' });
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(1), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('applies every retried BET exactly once and leaves the ledger balanced', async () => {
    const player = await stack.seedPlayer({ balance: '1000.00' });
    const transactionIds = Array.from({ length: BETS }, () => freshId());
    const burst = Promise.all(transactionIds.map((transactionId) => platform.changeBalance(player, 'BET', '1.00', { transactionId, roundId: transactionId })));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await stack.killService('wallet');
    const firstAnswers = await burst;
    await stack.startWallet();
    // The kill must have hit BETs in flight, or this test would prove nothing.
    expect(firstAnswers.filter((answer) => answer.status !== 'OK').length).toBeGreaterThan(0);

    const finalAnswers: Answer[] = [];
    for (const [index, transactionId] of transactionIds.entries()) {
      let answer = firstAnswers[index];
      for (let attempt = 0; attempt < RETRIES_MAX && answer.status !== 'OK'; attempt++) {
        // OP_47 / OP_50 mean "unknown, try again": the platform retries identically.
        expect(['OP_47', 'OP_50']).toContain(answer.errorCode);
        answer = await platform.changeBalance(player, 'BET', '1.00', { transactionId, roundId: transactionId });
      }
      finalAnswers.push(answer);
    }

    expect(finalAnswers.every((answer) => answer.status === 'OK')).toBe(true);
    expect(await platform.balance(player)).toBe(`${1000 - BETS}.00`);
    const applied = await stack.walletQuery<{ n: number }>(`SELECT count(*)::int AS n FROM game_transactions WHERE user_id = $1 AND status = 'OK'`, [player.user_id]);
    expect(applied).toEqual([{ n: BETS }]);
    const report = await stack.checkLedger();
    expect(report.ok).toBe(true);
  });

  it('applies every BET exactly once when the kill lands inside a batch’s write', async () => {
    const players = await Promise.all(Array.from({ length: BATCH_PLAYERS }, () => stack.seedPlayer({ balance: '1000.00' })));
    // Make each batch's write last long enough for the kill to land inside it: a test fixture in
    // the database (every inserted platform transaction takes 20 ms), not a hook in our code.
    await stack.walletQuery(`CREATE OR REPLACE FUNCTION e2e_slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$`);
    await stack.walletQuery(`CREATE TRIGGER e2e_slow_insert BEFORE INSERT ON game_transactions FOR EACH ROW EXECUTE FUNCTION e2e_slow_insert()`);
    const bets = players.flatMap((player) => Array.from({ length: BETS_PER_PLAYER }, () => ({ player, transactionId: freshId() })));
    const play = (bet: (typeof bets)[number]) => platform.changeBalance(bet.player, 'BET', '1.00', { transactionId: bet.transactionId, roundId: bet.transactionId });
    const burst = Promise.all(bets.map(play));

    // Kill the moment the wallet is inside a batch's write statement (sleeping in the fixture's
    // trigger, with platform transactions of the batch inserted but not committed).
    const deadline = Date.now() + 10_000;
    let inBatch: Array<{ pid: number }> = [];
    while (inBatch.length === 0 && Date.now() < deadline) {
      inBatch = await stack.walletQuery<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'wallet' AND state = 'active' AND wait_event = 'PgSleep'`,
      );
    }
    expect(inBatch.length).toBeGreaterThan(0);
    await stack.killService('wallet');
    await stack.walletQuery(`DROP TRIGGER e2e_slow_insert ON game_transactions`);
    const firstAnswers = await burst;
    await stack.startWallet();
    expect(firstAnswers.filter((answer) => answer.status !== 'OK').length).toBeGreaterThan(1);

    for (const [index, bet] of bets.entries()) {
      let answer = firstAnswers[index];
      for (let attempt = 0; attempt < RETRIES_MAX && answer.status !== 'OK'; attempt++) {
        expect(['OP_47', 'OP_50']).toContain(answer.errorCode);
        answer = await play(bet);
      }
      expect(answer.status).toBe('OK');
    }
    for (const player of players) {
      expect(await platform.balance(player)).toBe(`${1000 - BETS_PER_PLAYER}.00`);
      const applied = await stack.walletQuery<{ n: number }>(`SELECT count(*)::int AS n FROM game_transactions WHERE user_id = $1 AND status = 'OK'`, [player.user_id]);
      expect(applied).toEqual([{ n: BETS_PER_PLAYER }]);
    }
    expect((await stack.checkLedger()).ok).toBe(true);
  });
});
