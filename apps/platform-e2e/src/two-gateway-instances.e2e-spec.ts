import { parse, type LosslessNumber } from 'lossless-json';
import { PlatformClient, type SeededPlayer, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';

interface OperatorResponse {
  response: { status: string; data: Record<string, unknown> };
}

const PLAYERS = 12;
const REQUESTS_PER_ROUND = 240;

/**
 * Two gateway instances share one wallet and one reply topic. Every player has a different balance,
 * so a reply delivered to the wrong instance (or to the wrong waiting request) shows up as a wrong
 * balance or a timeout. Then one instance restarts, and both must keep answering correctly.
 */
describe('two gateway instances get every reply, including across a restart', () => {
  const stack = new TestStack(18200);
  const players: SeededPlayer[] = [];

  beforeAll(async () => {
    await stack.start(2);
    for (let i = 0; i < PLAYERS; i++) players.push(await stack.seedPlayer({ balance: `${100 + i}.${String(i).padStart(2, '0')}` }));
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  /**
   * `retriesOfShed`: how many times a request answered OP_50 is sent again, as a platform does (OP_50
   * is "nothing applied, try again"). A freshly started instance may shed part of a burst while its
   * event loop is cold (admission control's lag check); what must never happen is a wrong answer.
   */
  async function round(retriesOfShed = 0): Promise<{ wrong: string[]; answered: number; shed: number }> {
    const clients = [0, 1].map((instance) => new PlatformClient(stack.gatewayUrl(instance), TEST_OPERATOR_ID, TEST_SECRET_KEY));
    const wrong: string[] = [];
    let answered = 0;
    let shed = 0;
    await Promise.all(
      Array.from({ length: REQUESTS_PER_ROUND }, async (_, i) => {
        const player = players[i % PLAYERS];
        const instance = i % 2;
        const ask = async () => {
          const call = await clients[instance].call('balance', `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"EUR"}`);
          return { call, body: parse(call.body) as OperatorResponse };
        };
        let { call, body } = await ask();
        for (let retry = 0; retry < retriesOfShed && call.status === 200 && body.response.data['error_code'] === 'OP_50'; retry++) {
          shed++;
          await new Promise((resolve) => setTimeout(resolve, 200));
          ({ call, body } = await ask());
        }
        const balance = (body.response.data['balance'] as LosslessNumber | undefined)?.value;
        if (call.status !== 200 || body.response.status !== 'OK' || balance !== player.balance) {
          wrong.push(`gateway ${instance}, ${player.user_id}: expected ${player.balance}, got ${call.status} ${body.response.status} ${balance ?? String(body.response.data['error_code'])}`);
        } else {
          answered++;
        }
      }),
    );
    return { wrong, answered, shed };
  }

  it('routes every one of 240 concurrent replies to the instance and request that asked', async () => {
    const result = await round();
    expect(result.wrong).toEqual([]);
    expect(result.answered).toBe(REQUESTS_PER_ROUND);
  });

  it('keeps routing correctly after gateway 1 stops gracefully and starts again', async () => {
    expect(await stack.stopService('gateway-1')).toEqual({ code: null, signal: 'SIGTERM' });
    await stack.startGateway(1);
    const result = await round(5);
    expect(result.wrong).toEqual([]);
    expect(result.answered).toBe(REQUESTS_PER_ROUND);
  });
});
