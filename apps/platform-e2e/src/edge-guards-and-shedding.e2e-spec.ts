import { parse } from 'lossless-json';
import { freshId, GamePlatform, PlatformClient, sha1, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, utcTimestamp, type SeededPlayer } from '@wallet-platform/test-stack';

/**
 * The gateway's edge on the real stack (docs/security.md, docs/reliability.md): a captured
 * signature replayed a week later, a credit above the maximum, a WIN without a BET, a body over
 * 64 KiB, and requests shed under overload, each checked against what the wallet stored.
 */
describe('the gateway edge on the real stack', () => {
  const stack = new TestStack(18600);
  let client: PlatformClient;
  let platform: GamePlatform;
  let tight: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    // A second gateway that can take only two requests at once and lets none wait for long.
    await stack.startGateway(1, { GATEWAY_IN_FLIGHT_MAX: '2', GATEWAY_QUEUE_MAX: '2', GATEWAY_QUEUE_TIME_BUDGET_MS: '20' });
    client = new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY);
    platform = new GamePlatform(client);
    tight = new GamePlatform(new PlatformClient(stack.gatewayUrl(1), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    const report = await stack.checkLedger();
    await stack.stop();
    expect(report.ok).toBe(true);
  });

  const winData = (player: SeededPlayer, transactionId: string, roundId: string, amount: string) =>
    `{"token":null,"user_id":"${player.user_id}","transaction_type":"WIN","transaction_id":${transactionId},"round_id":${roundId},"round_finished":true,` +
    `"game_id":${player.game_id},"currency_code":"${player.currency}","amount":${amount},"transaction_timestamp":"${utcTimestamp()}","context":{"reason":"SPIN"}}`;
  const answerOf = (body: string) =>
    (parse(body) as { request: unknown; response: { status: string; response_timestamp: string; hash: string; data: Record<string, unknown> } }).response;
  const rowsOf = (transactionId: string) =>
    stack.walletQuery<{ status: string; win_without_bet: boolean }>(`SELECT status, win_without_bet FROM game_transactions WHERE transaction_id = $1`, [transactionId]);
  const aWeekAgo = () => utcTimestamp(new Date(Date.now() - 7 * 86_400_000));

  it('refuses a WIN signed a week ago for a transaction it has not seen (OP_20, signed), and stores nothing', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const transactionId = freshId();
    const replay = await client.call('changebalance', winData(player, transactionId, freshId(), '500.00'), { timestamp: aWeekAgo() });
    const response = answerOf(replay.body);
    expect([replay.status, response.status, response.data['error_code'], client.responseHashValid(response)]).toEqual([200, 'ERROR', 'OP_20', true]);
    expect(await rowsOf(transactionId)).toEqual([]);
    expect(await platform.balance(player)).toBe('100.00');
  });

  it('still answers a week-old identical retry of a transaction it has, from what it stored', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const roundId = freshId();
    await platform.changeBalance(player, 'BET', '10.00', { roundId });
    const transactionId = freshId();
    const data = winData(player, transactionId, roundId, '25.00');
    const first = answerOf((await client.call('changebalance', data)).body);
    expect([first.status, String(first.data['balance'])]).toEqual(['OK', '115.00']);
    const late = answerOf((await client.call('changebalance', data, { timestamp: aWeekAgo() })).body);
    expect([late.status, String(late.data['balance'])]).toEqual(['OK', '115.00']);
    expect(await rowsOf(transactionId)).toEqual([{ status: 'OK', win_without_bet: false }]);
    expect(await platform.balance(player)).toBe('115.00');
  });

  it('refuses a WIN above the single-credit maximum with OP_49, stores nothing', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const transactionId = freshId();
    const answer = await platform.changeBalance(player, 'WIN', '1000000.01', { transactionId, token: null });
    expect([answer.errorCode, answer.hashValid]).toEqual(['OP_49', true]);
    expect(await rowsOf(transactionId)).toEqual([]);
    expect(await platform.balance(player)).toBe('100.00');
  });

  it('pays a fresh WIN on a round without a BET, and stores it as such', async () => {
    const player = await stack.seedPlayer({ balance: '100.00' });
    const transactionId = freshId();
    const answer = await platform.changeBalance(player, 'WIN', '7.00', { transactionId, roundId: freshId(), token: null });
    expect([answer.status, answer.balance]).toEqual(['OK', '107.00']);
    expect(await rowsOf(transactionId)).toEqual([{ status: 'OK', win_without_bet: true }]);
    for (let waited = 0; waited < 5_000 && !stack.logOf('wallet').includes('WIN paid on a round without a BET'); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stack.logOf('wallet')).toContain('WIN paid on a round without a BET');
  });

  it('answers a body over 64 KiB in protocol (signed OP_49, the request passed back as {}), without reading it or logging a stack', async () => {
    const timestamp = utcTimestamp();
    const body = `{"command":"changebalance","request_timestamp":"${timestamp}","hash":"${sha1('changebalance' + timestamp + TEST_SECRET_KEY)}","data":{"pad":"${'x'.repeat(70 * 1024)}"}}`;
    const response = await fetch(`${stack.gatewayUrl(0)}/changebalance`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Operator-Id': TEST_OPERATOR_ID, 'X-Authorization': sha1('changebalance' + TEST_SECRET_KEY) },
      body,
    });
    const text = await response.text();
    const parsed = parse(text) as { request: unknown };
    const answer = answerOf(text);
    expect([response.status, answer.status, answer.data['error_code'], client.responseHashValid(answer), parsed.request]).toEqual([200, 'ERROR', 'OP_49', true, {}]);
    // The service's stdout reaches its log file a moment later.
    for (let waited = 0; waited < 5_000 && !stack.logOf('gateway-0').includes('BODY_TOO_LARGE'); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    const log = stack.logOf('gateway-0');
    expect(log).toContain('BODY_TOO_LARGE');
    expect(log).not.toMatch(/PayloadTooLargeError|"stack"/);
  });

  it('sheds what it cannot take in time with a signed OP_50 that is never applied; everything it took is applied once', async () => {
    const player = await stack.seedPlayer({ balance: '1000.00' });
    const ids = Array.from({ length: 60 }, () => freshId());
    const answers = await Promise.all(ids.map((transactionId) => tight.changeBalance(player, 'BET', '1.00', { transactionId })));
    const shed = ids.filter((_, i) => answers[i].errorCode === 'OP_50');
    const taken = ids.filter((_, i) => answers[i].status === 'OK');
    // Every answer is signed, and is one of the two: nothing timed out, nothing was refused otherwise.
    expect(answers.every((answer) => answer.hashValid)).toBe(true);
    expect(shed.length + taken.length).toBe(60);
    expect(shed.length).toBeGreaterThan(0);
    expect(taken.length).toBeGreaterThan(0);
    expect(answers.filter((answer) => answer.errorCode === 'OP_50').every((answer) => /overloaded, nothing was applied/.test(String(answer.data['error_message'])))).toBe(true);

    // Give a wrongly produced request every chance to be applied, then look.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const stored = await stack.walletQuery<{ transaction_id: string }>(`SELECT transaction_id FROM game_transactions WHERE transaction_id = ANY($1::text[])`, [ids]);
    expect(stored.map((row) => row.transaction_id).sort()).toEqual([...taken].sort());
    expect(await platform.balance(player)).toBe(`${1000 - taken.length}.00`);
    // The platform's status for a shed BET: never seen.
    expect((await platform.status(player, shed[0])).errorCode).toBe('OP_41');
  });
});
