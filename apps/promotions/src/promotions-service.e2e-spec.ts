import { TestStack } from '@wallet-platform/test-stack';

/**
 * The compiled promotions service in the full stack: its migrations run, it starts (resuming any
 * campaign left granting) and serves its back office behind the API keys. Ports 18460-18463, in the
 * promotions helper's range.
 */
describe('promotions service', () => {
  const stack = new TestStack(18460);
  const promotions = 'http://127.0.0.1:18462';

  beforeAll(async () => {
    await stack.start(1);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('given the stack started when its back office is called without a key then 401 in the back-office error shape', async () => {
    const response = await fetch(`${promotions}/back-office/v1/campaigns/spring-2026/settlement`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'unauthorized', message: 'a valid back-office API key is required (Authorization: Bearer <key>)' });
  });

  it('given the stack started when the OpenAPI document is read then it lists the campaign operations', async () => {
    const document = (await (await fetch(`${promotions}/back-office/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/back-office/v1/campaigns/{reference}/grant');
  });
});
