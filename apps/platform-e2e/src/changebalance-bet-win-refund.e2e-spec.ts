import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

/** changebalance: money moves exactly once, to the cent, whatever the platform retries. */
describe('changebalance BET, WIN, REFUND and their retries', () => {
  const stack = new TestStack(18230);
  let platform: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.violations).toEqual(expect.anything());
    expect(report.ok).toBe(true);
  });

  it('takes a BET and pays a WIN, answering the balance after each to the cent', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const bet = await platform.changeBalance(player, 'BET', '12.34', { roundId: '501' });
    expect([bet.status, bet.balance, bet.hashValid]).toEqual(['OK', '87.66', true]);
    const win = await platform.changeBalance(player, 'WIN', '20.01', { roundId: '501', roundFinished: true });
    expect([win.status, win.balance]).toEqual(['OK', '107.67']);
    expect(await platform.balance(player)).toBe('107.67');
  });

  it('adds 0.1 and 0.2 to exactly 0.30', async () => {
    const player = await stack.seedPlayer({ balance: '0.00' });
    await platform.changeBalance(player, 'WIN', '0.1');
    const second = await platform.changeBalance(player, 'WIN', '0.2');
    expect(second.balance).toBe('0.30');
  });

  it('pays a WIN with a null token (the session may be over)', async () => {
    const player = await stack.seedPlayer({ balance: '5.00' });
    const win = await platform.changeBalance(player, 'WIN', '1.50', { token: null });
    expect([win.status, win.balance]).toEqual(['OK', '6.50']);
  });

  it('credits a REFUND, with a null token too', async () => {
    const player = await stack.seedPlayer({ balance: '5.00' });
    const refund = await platform.changeBalance(player, 'REFUND', '2.25', { token: null });
    expect([refund.status, refund.balance]).toEqual(['OK', '7.25']);
  });

  it('records a WIN of 0 without moving money', async () => {
    const player = await stack.seedPlayer({ balance: '5.00' });
    const win = await platform.changeBalance(player, 'WIN', '0.00', { roundFinished: true });
    expect([win.status, win.balance]).toEqual(['OK', '5.00']);
  });

  it('applies an identically retried BET once and answers the stored result each time', async () => {
    const player = await stack.seedPlayer({ balance: '50.00' });
    const transactionId = freshId();
    const answers = [];
    for (let attempt = 0; attempt < 3; attempt++) answers.push(await platform.changeBalance(player, 'BET', '10.00', { transactionId }));
    expect(answers.map((answer) => [answer.status, answer.balance])).toEqual([
      ['OK', '40.00'],
      ['OK', '40.00'],
      ['OK', '40.00'],
    ]);
    expect(await platform.balance(player)).toBe('40.00');
  });

  it('applies concurrent identical retries of one WIN once', async () => {
    const player = await stack.seedPlayer({ balance: '0.00' });
    const transactionId = freshId();
    const answers = await Promise.all(Array.from({ length: 8 }, () => platform.changeBalance(player, 'WIN', '3.00', { transactionId })));
    expect(answers.every((answer) => answer.status === 'OK' && answer.balance === '3.00')).toBe(true);
    expect(await platform.balance(player)).toBe('3.00');
  });

  it('keeps a 20-digit transaction id exact, in the echo and in our books', async () => {
    const player = await stack.seedPlayer({ balance: '10.00' });
    const transactionId = '98765432109876543210';
    const bet = await platform.changeBalance(player, 'BET', '1.00', { transactionId, roundId: '12345678901234567891' });
    expect(bet.status).toBe('OK');
    expect(bet.call.body).toContain(`"transaction_id":${transactionId}`);
    const stored = await stack.walletQuery<{ transaction_id: string; round_id: string }>(
      `SELECT transaction_id, round_id FROM game_transactions WHERE transaction_id = $1`,
      [transactionId],
    );
    expect(stored).toEqual([{ transaction_id: transactionId, round_id: '12345678901234567891' }]);
    const status = await platform.status(player, transactionId);
    expect(status.data['transaction_status']).toBe('OK');
    expect(status.call.body).toContain(`"transaction_id":${transactionId},"transaction_status"`);
  });

  it.each([
    ['amount', { amount: '10.01' }],
    ['type', { type: 'WIN' as const }],
    ['game', { gameId: '201' }],
    ['round', { roundId: '999' }],
    ['currency', { currency: 'USD' }],
  ])('answers OP_40 to the same transaction id with a different %s, and changes nothing', async (_field, change) => {
    const player = await stack.seedPlayer({ balance: '50.00' });
    const transactionId = freshId();
    await platform.changeBalance(player, 'BET', '10.00', { transactionId });
    const { amount, type, ...options } = { amount: '10.00', type: 'BET' as 'BET' | 'WIN', ...change };
    const duplicate = await platform.changeBalance(player, type, amount, { transactionId, ...options });
    expect([duplicate.status, duplicate.errorCode]).toEqual(['ERROR', 'OP_40']);
    expect(await platform.balance(player)).toBe('40.00');
  });

  it('answers OP_40 to the same transaction id from another player', async () => {
    const first = await stack.seedPlayer({ balance: '50.00' });
    const second = await stack.seedPlayer({ balance: '50.00' });
    const transactionId = freshId();
    await platform.changeBalance(first, 'BET', '10.00', { transactionId });
    const duplicate = await platform.changeBalance(second, 'BET', '10.00', { transactionId });
    expect(duplicate.errorCode).toBe('OP_40');
    expect(await platform.balance(second)).toBe('50.00');
  });

  it('tracks the round: bet and win sums, finished by round_finished', async () => {
    const player = await stack.seedPlayer({ balance: '50.00' });
    const roundId = freshId();
    await platform.changeBalance(player, 'BET', '2.00', { roundId });
    await platform.changeBalance(player, 'BET', '3.00', { roundId });
    await platform.changeBalance(player, 'WIN', '7.50', { roundId, roundFinished: true });
    const [round] = await stack.walletQuery<Record<string, string>>(`SELECT status, bet_total, win_total FROM game_rounds WHERE round_id = $1`, [roundId]);
    expect(round).toEqual({ status: 'finished', bet_total: '5.00', win_total: '7.50' });
  });
});
