import { freshId, GamePlatform, PlatformClient, type SeededPlayer, sha1, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, utcTimestamp } from '@wallet-platform/test-stack';

/**
 * The codes that every command can answer (OP_20, OP_47, OP_50), command by command, and OP_49
 * for each command it applies to. The other codes are proven per scenario in the other suites.
 */
describe('error codes for every command they apply to', () => {
  const stack = new TestStack(18280);
  let player: SeededPlayer;
  let platform: PlatformClient;

  const dataOf = (command: string): string => {
    const date = utcTimestamp().slice(0, 10);
    switch (command) {
      case 'authenticate':
        return `{"token":"${player.token}"}`;
      case 'balance':
        return `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"EUR"}`;
      case 'changebalance':
        return `{"token":"${player.token}","user_id":"${player.user_id}","transaction_type":"BET","transaction_id":${freshId()},"round_id":1,"round_finished":false,"game_id":200,"currency_code":"EUR","amount":1.00,"transaction_timestamp":"${utcTimestamp()}","context":{"reason":"SPIN"}}`;
      case 'status':
        return `{"user_id":"${player.user_id}","transaction_id":${freshId()},"transaction_type":"BET","transaction_date":"${date}","transaction_ts":"${Date.now()}","round_id":1}`;
      case 'cancel':
        return `{"user_id":"${player.user_id}","transaction_id":${freshId()},"round_id":1,"round_finished":null,"game_id":200}`;
      default:
        return `{"round_id":1,"user_id":"${player.user_id}","game_id":200,"round_date":"${date}","round_ts":"${Date.now()}"}`;
    }
  };
  const commands = ['authenticate', 'balance', 'changebalance', 'status', 'cancel', 'finishround'];
  const codeOf = async (call: Promise<{ body: string; status: number }>) => {
    const { body, status } = await call;
    expect(status).toBe(200);
    return /"error_code":"(OP_\d\d)"/.exec(body)?.[1];
  };

  beforeAll(async () => {
    await stack.start(1);
    // Gateway 1 waits 500 ms; gateway 2 lets one request wait at a time.
    await stack.startGateway(1, { WALLET_REPLY_TIMEOUT_MS: '500' });
    await stack.startGateway(2, { WALLET_PENDING_REQUESTS_MAX: '1', WALLET_REPLY_TIMEOUT_MS: '4000' });
    player = await stack.seedPlayer({ balance: '10.00' });
    platform = new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it.each(commands)('%s: a body hash that does not match → OP_20', async (command) => {
    expect(await codeOf(platform.call(command, dataOf(command), { hash: sha1('not the hash') }))).toBe('OP_20');
  });

  it.each([
    ['changebalance', (data: string) => data.replace('"game_id":200', '"game_id":1234567')],
    ['cancel', (data: string) => data.replace('"game_id":200', '"game_id":"x"')],
    ['finishround', (data: string) => data.replace(/"round_date":"[^"]+"/, '"round_date":"yesterday"')],
  ])('%s: a field that can never be valid → OP_49', async (command, spoil) => {
    expect(await codeOf(platform.call(command, spoil(dataOf(command))))).toBe('OP_49');
  });

  describe('while the wallet is down', () => {
    beforeAll(async () => {
      await stack.stopService('wallet');
    });

    afterAll(async () => {
      await stack.startWallet();
    });

    it.each(commands)('%s: no answer from the wallet within the deadline → OP_47', async (command) => {
      const slow = new PlatformClient(stack.gatewayUrl(1), TEST_OPERATOR_ID, TEST_SECRET_KEY);
      expect(await codeOf(slow.call(command, dataOf(command)))).toBe('OP_47');
    });

    it.each(commands)('%s: the gateway already has as many requests waiting as it allows → OP_50 at once', async (command) => {
      const busy = new PlatformClient(stack.gatewayUrl(2), TEST_OPERATOR_ID, TEST_SECRET_KEY);
      const waiting = busy.call('balance', dataOf('balance'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = Date.now();
      expect(await codeOf(busy.call(command, dataOf(command)))).toBe('OP_50');
      expect(Date.now() - startedAt).toBeLessThan(2_000);
      expect(await codeOf(waiting)).toBe('OP_47');
    });
  });

  it('serves again once the wallet is back, and skipped the commands whose deadline had passed', async () => {
    const answer = await new GamePlatform(platform).balance(player);
    expect(answer).toBe('10.00');
  });
});
