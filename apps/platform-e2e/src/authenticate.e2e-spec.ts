import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

describe('authenticate', () => {
  const stack = new TestStack(18260);
  let platform: GamePlatform;

  beforeAll(async () => {
    await stack.start(1);
    platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('answers the player behind a launch token, with their balance to the cent', async () => {
    const player = await stack.seedPlayer({ balance: '420.76' });
    const answer = await platform.authenticate(player.token);
    expect(answer.status).toBe('OK');
    expect(answer.hashValid).toBe(true);
    expect(answer.data).toMatchObject({ user_id: player.user_id, user_name: `user_${player.user_id}`, user_country: 'Germany', currency_code: 'EUR' });
    expect(answer.balance).toBe('420.76');
  });

  it('answers OP_21 to an unknown token and to a malformed one', async () => {
    expect((await platform.authenticate('Q'.repeat(40))).errorCode).toBe('OP_21');
    expect((await platform.authenticate('short')).errorCode).toBe('OP_21');
  });

  it('answers OP_22 for a blocked player', async () => {
    const player = await stack.seedPlayer({ balance: '1.00', blocked: true });
    expect((await platform.authenticate(player.token)).errorCode).toBe('OP_22');
  });
});
