import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

/** changebalance refusals: the exact code, nothing moved, and the refusal remembered. */
describe('changebalance refusals', () => {
  const stack = new TestStack(18240);
  let platform: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
  });

  it('refuses a BET over the balance with OP_31, records it, and answers the same to a retry', async () => {
    const player = await stack.seedPlayer({ balance: '10.00' });
    const transactionId = freshId();
    const bet = await platform.changeBalance(player, 'BET', '10.01', { transactionId });
    expect([bet.status, bet.errorCode, bet.hashValid]).toEqual(['ERROR', 'OP_31', true]);
    expect((await platform.status(player, transactionId)).data['transaction_status']).toBe('ERROR');
    expect((await platform.changeBalance(player, 'BET', '10.01', { transactionId })).errorCode).toBe('OP_31');
    expect(await platform.balance(player)).toBe('10.00');
  });

  it('refuses a BET over the daily wager limit with OP_32, after allowing up to it', async () => {
    const player = await stack.seedPlayer({ balance: '100.00', dailyWagerLimit: '15.00' });
    expect((await platform.changeBalance(player, 'BET', '10.00')).balance).toBe('90.00');
    expect((await platform.changeBalance(player, 'WIN', '10.00')).balance).toBe('100.00');
    expect((await platform.changeBalance(player, 'BET', '5.00')).balance).toBe('95.00');
    expect((await platform.changeBalance(player, 'BET', '0.01')).errorCode).toBe('OP_32');
    expect(await platform.balance(player)).toBe('95.00');
  });

  it('refuses a BET over the daily loss limit with OP_32, counting wins', async () => {
    const player = await stack.seedPlayer({ balance: '100.00', dailyLossLimit: '10.00' });
    await platform.changeBalance(player, 'BET', '10.00');
    expect((await platform.changeBalance(player, 'BET', '0.01')).errorCode).toBe('OP_32');
    await platform.changeBalance(player, 'WIN', '4.00');
    expect((await platform.changeBalance(player, 'BET', '4.00')).status).toBe('OK');
    expect(await platform.balance(player)).toBe('90.00');
  });

  it('refuses a blocked player’s BET and balance with OP_33, but pays their WIN', async () => {
    const player = await stack.seedPlayer({ balance: '20.00', blocked: true });
    expect((await platform.changeBalance(player, 'BET', '1.00')).errorCode).toBe('OP_33');
    expect((await platform.send('balance', `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"EUR"}`)).errorCode).toBe('OP_33');
    const win = await platform.changeBalance(player, 'WIN', '1.00');
    expect([win.status, win.balance]).toEqual(['OK', '21.00']);
  });

  it('refuses a BET on a game disabled in our catalog with OP_35', async () => {
    const player = await stack.seedPlayer({ balance: '20.00', game: '777', disabledGame: '777' });
    expect((await platform.changeBalance(player, 'BET', '1.00')).errorCode).toBe('OP_35');
    expect(await platform.balance(player)).toBe('20.00');
    // A WIN of a round played before the switch-off is still paid.
    expect((await platform.changeBalance(player, 'WIN', '1.00')).balance).toBe('21.00');
  });

  it('refuses a BET with an unknown token, another player’s token or no token with OP_21', async () => {
    const player = await stack.seedPlayer({ balance: '20.00' });
    const other = await stack.seedPlayer({ balance: '20.00' });
    expect((await platform.changeBalance(player, 'BET', '1.00', { token: 'Z'.repeat(30) })).errorCode).toBe('OP_21');
    expect((await platform.changeBalance(player, 'BET', '1.00', { token: other.token })).errorCode).toBe('OP_21');
    expect((await platform.changeBalance(player, 'BET', '1.00', { token: null })).errorCode).toBe('OP_21');
    expect(await platform.balance(player)).toBe('20.00');
  });

  it('refuses a BET with a token of another game with OP_21', async () => {
    const player = await stack.seedPlayer({ balance: '20.00', game: '300' });
    expect((await platform.changeBalance(player, 'BET', '1.00', { gameId: '301' })).errorCode).toBe('OP_21');
  });

  it('answers OP_30 to another currency and OP_34 to an unknown player', async () => {
    const player = await stack.seedPlayer({ balance: '20.00' });
    expect((await platform.changeBalance(player, 'BET', '1.00', { currency: 'USD' })).errorCode).toBe('OP_30');
    expect((await platform.changeBalance(player, 'WIN', '1.00', { currency: 'USD' })).errorCode).toBe('OP_30');
    expect((await platform.changeBalance(player, 'BET', '1.00', { userId: 'no-such-player' })).errorCode).toBe('OP_34');
    expect(await platform.balance(player)).toBe('20.00');
  });

  it.each([
    ['a negative amount', '-1.00'],
    ['three decimals', '1.005'],
    ['an amount beyond DECIMAL(18,2)', '12345678901234567.00'],
  ])('refuses %s with OP_49 naming the field, and changes nothing', async (_case, amount) => {
    const player = await stack.seedPlayer({ balance: '20.00' });
    const answer = await platform.changeBalance(player, 'BET', amount);
    expect(answer.errorCode).toBe('OP_49');
    expect(String(answer.data['error_message'])).toMatch(/amount/);
    expect(await platform.balance(player)).toBe('20.00');
  });

  it('refuses a user id with "|" (the protocol forbids it in strings)', async () => {
    const player = await stack.seedPlayer({ balance: '20.00' });
    const answer = await platform.changeBalance(player, 'BET', '1.00', { userId: 'a|b' });
    expect(answer.errorCode).toBe('OP_34');
  });
});
