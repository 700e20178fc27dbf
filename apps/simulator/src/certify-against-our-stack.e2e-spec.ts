import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import type { CertificationFixtures } from './certify/certification-fixtures';
import { runCertification } from './certify/certification-run';
import { CERTIFICATION_SCENARIOS } from './certify/certification-scenarios';
import { makeFixtures, runSimulatorCli } from './testing/our-stack-fixtures';

/**
 * The simulator certifies our own stack: every checklist scenario passes against the real gateway,
 * wallet, Kafka, PostgreSQL and Redis. And it is not a rubber stamp: with a wrong secret it exits
 * non-zero naming the failures, and behind a proxy that breaks only the response signature exactly
 * the signature scenario fails.
 */
describe('simulator certify against our stack', () => {
  const stack = new TestStack(18600);
  const workDirectory = mkdtempSync(join(tmpdir(), 'simulator-certify-'));
  const fixturesFile = join(workDirectory, 'fixtures.json');
  let fixtures: CertificationFixtures;

  beforeAll(async () => {
    await stack.start(1);
    fixtures = await makeFixtures(stack, fixturesFile, 0);
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  it(`passes all ${CERTIFICATION_SCENARIOS.length} scenarios`, async () => {
    const report = await runCertification({ baseUrl: stack.gatewayUrl(0), operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY }, fixtures);

    expect(report.results.filter((result) => !result.passed)).toEqual([]);
    expect(report.results.map((result) => result.name)).toEqual(CERTIFICATION_SCENARIOS.map((scenario) => scenario.name));
  });

  it('as a command with a wrong secret, exits 1 and names the failed scenarios', async () => {
    const run = await runSimulatorCli(['certify', '--base-url', stack.gatewayUrl(0), '--operator-id', TEST_OPERATOR_ID, '--secret', 'not-the-secret', '--fixtures', fixturesFile]);

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^FAIL +\| balance ok +\| balance: OK +\| HTTP 403$/m);
    expect(run.stdout).toMatch(/^FAILED: 31 of 34 scenarios \(3 passed\) against .*: authenticate ok; authenticate unknown token → OP_21; balance ok; /m);
    // Without the secret, a 403 is still right for the two scenarios that expect one, and ping needs none.
    expect(run.stdout).toMatch(/^PASS +\| wrong X-Authorization → HTTP 403 /m);
    expect(run.stdout).toMatch(/^PASS +\| ping GET → 200 /m);
  });

  it('behind a proxy that breaks only the response hash, fails exactly "response hash valid on every response"', async () => {
    const proxy = await startHashBreakingProxy(stack.gatewayUrl(0));
    try {
      const report = await runCertification({ baseUrl: proxy.baseUrl, operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY }, fixtures);

      expect(report.failed).toEqual(['response hash valid on every response']);
      const failure = report.results.find((result) => !result.passed)!;
      expect(failure.got).toMatch(/^0 of \d+ with a valid response hash; first not: authenticate OK hash 0{40} at /);
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });
});

/** Forwards to the gateway and replaces every response hash with forty zeros. */
async function startHashBreakingProxy(upstreamBaseUrl: string): Promise<{ server: Server; baseUrl: string }> {
  const upstream = new URL(upstreamBaseUrl);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-operator-id', 'x-authorization']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const path = (request.url ?? '/').replace(/^\/proxy/, upstream.pathname);
      fetch(`${upstream.origin}${path}`, { method: request.method, headers, body: request.method === 'POST' ? Buffer.concat(chunks) : undefined })
        .then(async (answer) => {
          const body = (await answer.text()).replace(/("response_timestamp":"[^"]+","hash":")[0-9a-f]{40}"/, `$1${'0'.repeat(40)}"`);
          response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' }).end(body);
        })
        .catch(() => response.writeHead(502).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}/proxy` };
}
