import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type Answer } from '@wallet-platform/test-stack';

const BETS = 60;
const RETRIES_MAX = 8;

/**
 * The wallet is killed with SIGKILL while BETs are in flight, then restarted. The platform does
 * what platforms do: retries every BET that got no definite answer, with the same transaction id.
 * In the end every BET is applied exactly once, the balance is exact, and the ledger is sound.
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
});
