import { freshId, GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

/** cancel, status and finishround: reversals exactly once, and the cancel-before-bet mark. */
describe('cancel, status and finishround', () => {
  const stack = new TestStack(18250);
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

  it('cancels a BET: the stake comes back once, however often the cancel is repeated', async () => {
    const player = await stack.seedPlayer({ balance: '30.00' });
    const transactionId = freshId();
    await platform.changeBalance(player, 'BET', '7.77', { transactionId });
    const first = await platform.cancel(player, transactionId);
    expect([first.status, first.data['transaction_status'], first.hashValid]).toEqual(['OK', 'CANCELED', true]);
    expect(first.call.body).toContain(`"transaction_id":${transactionId},"transaction_status":"CANCELED"`);
    const again = await platform.cancel(player, transactionId);
    expect(again.data['transaction_status']).toBe('CANCELED');
    expect(await platform.balance(player)).toBe('30.00');
    expect((await platform.status(player, transactionId)).data['transaction_status']).toBe('CANCELED');
  });

  it('cancels a WIN by taking it back', async () => {
    const player = await stack.seedPlayer({ balance: '10.00' });
    const transactionId = freshId();
    await platform.changeBalance(player, 'WIN', '5.00', { transactionId });
    expect((await platform.cancel(player, transactionId)).data['transaction_status']).toBe('CANCELED');
    expect(await platform.balance(player)).toBe('10.00');
  });

  it('answers OP_49 to the cancel of a WIN the player has already spent, and keeps the WIN', async () => {
    const player = await stack.seedPlayer({ balance: '0.00' });
    const win = freshId();
    await platform.changeBalance(player, 'WIN', '5.00', { transactionId: win });
    await platform.changeBalance(player, 'BET', '4.00');
    expect((await platform.cancel(player, win)).errorCode).toBe('OP_49');
    expect(await platform.balance(player)).toBe('1.00');
    expect((await platform.status(player, win, 'WIN')).data['transaction_status']).toBe('OK');
  });

  it('answers OP_41 to a cancel that comes before its BET, and refuses the BET when it arrives', async () => {
    const player = await stack.seedPlayer({ balance: '30.00' });
    const transactionId = freshId();
    expect((await platform.cancel(player, transactionId)).errorCode).toBe('OP_41');
    expect((await platform.cancel(player, transactionId)).errorCode).toBe('OP_41');
    const late = await platform.changeBalance(player, 'BET', '5.00', { transactionId });
    expect([late.status, late.errorCode]).toEqual(['ERROR', 'OP_49']);
    expect(await platform.balance(player)).toBe('30.00');
    expect((await platform.status(player, transactionId)).data['transaction_status']).toBe('CANCELED');
  });

  it('cancels a refused BET without moving money', async () => {
    const player = await stack.seedPlayer({ balance: '1.00' });
    const transactionId = freshId();
    expect((await platform.changeBalance(player, 'BET', '2.00', { transactionId })).errorCode).toBe('OP_31');
    expect((await platform.cancel(player, transactionId)).data['transaction_status']).toBe('CANCELED');
    expect(await platform.balance(player)).toBe('1.00');
  });

  it('answers OP_34 to cancel, status and finishround of an unknown player', async () => {
    const player = await stack.seedPlayer({ balance: '1.00' });
    const stranger = { ...player, user_id: 'nobody-at-all' };
    expect((await platform.cancel(stranger, freshId())).errorCode).toBe('OP_34');
    expect((await platform.status(stranger, freshId())).errorCode).toBe('OP_34');
    expect((await platform.finishRound(stranger, freshId())).errorCode).toBe('OP_34');
  });

  it('answers OP_41 to the status of an unknown transaction and to another player’s transaction', async () => {
    const player = await stack.seedPlayer({ balance: '5.00' });
    const other = await stack.seedPlayer({ balance: '5.00' });
    const transactionId = freshId();
    await platform.changeBalance(player, 'BET', '1.00', { transactionId });
    expect((await platform.status(player, freshId())).errorCode).toBe('OP_41');
    expect((await platform.status(other, transactionId)).errorCode).toBe('OP_41');
    expect((await platform.status(player, transactionId)).data).toMatchObject({ user_id: player.user_id, transaction_status: 'OK' });
  });

  it('finishes a known round and answers OP_41 to an unknown one', async () => {
    const player = await stack.seedPlayer({ balance: '5.00' });
    const roundId = freshId();
    await platform.changeBalance(player, 'BET', '1.00', { roundId });
    const finished = await platform.finishRound(player, roundId);
    expect(finished.status).toBe('OK');
    expect(finished.call.body).toContain(`"data":{"round_id":${roundId},"user_id":"${player.user_id}","game_id":${player.game_id}}`);
    expect((await platform.finishRound(player, roundId)).status).toBe('OK');
    expect((await platform.finishRound(player, freshId())).errorCode).toBe('OP_41');
    const [round] = await stack.walletQuery<{ status: string }>(`SELECT status FROM game_rounds WHERE round_id = $1`, [roundId]);
    expect(round.status).toBe('finished');
  });

  it('takes a canceled BET out of the round’s sums', async () => {
    const player = await stack.seedPlayer({ balance: '50.00' });
    const roundId = freshId();
    const transactionId = freshId();
    await platform.changeBalance(player, 'BET', '3.00', { roundId, transactionId });
    await platform.changeBalance(player, 'BET', '4.00', { roundId });
    await platform.cancel(player, transactionId, { roundId, roundFinished: true });
    const [round] = await stack.walletQuery<Record<string, string>>(`SELECT status, bet_total FROM game_rounds WHERE round_id = $1`, [roundId]);
    expect(round).toEqual({ status: 'finished', bet_total: '4.00' });
  });
});
