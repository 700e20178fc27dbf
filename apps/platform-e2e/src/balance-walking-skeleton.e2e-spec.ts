import { parse, isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { PlatformClient, type SeededPlayer, sha1, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

interface OperatorResponse {
  request: unknown;
  response: { status: string; response_timestamp: string; hash: string; data: Record<string, unknown> };
}

/**
 * The walking skeleton: a platform's signed `balance` crosses the gateway, Kafka and the wallet,
 * and comes back signed, with the request passed back exactly as sent.
 */
describe('balance through gateway → Kafka → wallet (real PostgreSQL, Redis, Kafka)', () => {
  const stack = new TestStack(18180);
  let platform: PlatformClient;
  let player: SeededPlayer;

  beforeAll(async () => {
    await stack.start(1);
    platform = new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY);
    player = await stack.seedPlayer({ balance: '1000.10' });
  }, 120_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  const balanceData = (p: SeededPlayer, currency = p.currency) => `{"token":"${p.token}","user_id":"${p.user_id}","currency_code":"${currency}"}`;

  it('answers the seeded balance to the cent, signed, passing the request back byte for byte', async () => {
    const call = await platform.call('balance', balanceData(player));

    expect(call.status).toBe(200);
    expect(call.body.startsWith(`{"request":${call.sent},"response":`)).toBe(true);
    const body = parse(call.body) as OperatorResponse;
    expect(body.response.status).toBe('OK');
    expect((body.response.data['balance'] as LosslessNumber).value).toBe('1000.10');
    expect(isLosslessNumber(body.response.data['balance'])).toBe(true);
    expect(body.response.data['currency_code']).toBe('EUR');
    expect(body.response.response_timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(platform.responseHashValid(body.response)).toBe(true);
  });

  it('carries the request id from the HTTP call through Kafka into the wallet’s JSON logs', async () => {
    const requestId = `trace-${Date.now()}`;
    await platform.call('balance', balanceData(player), { requestId });
    const walletLines = () =>
      stack
        .logOf('wallet')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { requestId?: string; msg: string; type?: string });
    // The wallet's stdout reaches the log file through a pipe: give it a moment.
    const deadline = Date.now() + 3_000;
    while (!walletLines().some((line) => line.requestId === requestId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(walletLines()).toContainEqual(expect.objectContaining({ requestId, msg: 'command handled', type: 'wallet.balance' }));
  });

  it('refuses a missing X-Authorization with HTTP 403', async () => {
    const call = await platform.call('balance', balanceData(player), { authorization: null });
    expect(call.status).toBe(403);
  });

  it('refuses a wrong X-Authorization with HTTP 403', async () => {
    const call = await platform.call('balance', balanceData(player), { authorization: sha1('balance' + 'not-the-secret') });
    expect(call.status).toBe(403);
  });

  it('answers OP_20 to a body hash that does not match', async () => {
    const call = await platform.call('balance', balanceData(player), { hash: sha1('wrong') });
    const body = parse(call.body) as OperatorResponse;
    expect(call.status).toBe(200);
    expect(body.response.status).toBe('ERROR');
    expect(body.response.data['error_code']).toBe('OP_20');
    expect(platform.responseHashValid(body.response)).toBe(true);
  });

  it('answers OP_30 when the currency is not the player’s', async () => {
    const body = parse((await platform.call('balance', balanceData(player, 'USD'))).body) as OperatorResponse;
    expect(body.response.data['error_code']).toBe('OP_30');
  });

  it('answers OP_21 to an unknown token and OP_34 to an unknown player', async () => {
    const unknownToken = parse((await platform.call('balance', balanceData({ ...player, token: 'A'.repeat(32) }))).body) as OperatorResponse;
    expect(unknownToken.response.data['error_code']).toBe('OP_21');
    const unknownPlayer = parse((await platform.call('balance', balanceData({ ...player, user_id: 'nobody-here' }))).body) as OperatorResponse;
    expect(unknownPlayer.response.data['error_code']).toBe('OP_34');
  });

  it('answers ping with PONG', async () => {
    const response = await fetch(`${stack.gatewayUrl(0)}/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('PONG');
  });
});
