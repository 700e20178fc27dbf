import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * Each compiled service, started with a bad platform registry, names every bad field and exits
 * before it touches any store (docs/platform-registry.md). Run after `npx tsc -b tsconfig.build.json`.
 */
const repo = join(__dirname, '..', '..', '..');
const SECRET_TOO_SHORT = 'tiny-secret-1';
const HASH_KEY = 'a-sound-hash-key-of-choice-gaming';
const AGGREGATOR_KEY = 'an aggregator key with spaces';

const BAD_REGISTRY = JSON.stringify({
  platforms: [
    { platformId: 'platform-a', protocol: 'operator-api', operators: [{ operatorId: 'casino1', secretKey: SECRET_TOO_SHORT }], edge: { requestFreshnessSeconds: 5 } },
    { platformId: 'platform-b', protocol: 'soap', operators: [] },
    { platformId: 'choice-gaming', protocol: 'choice-gaming', operatorId: 'casino 1', hashKey: HASH_KEY, serviceApi: { url: 'ftp://cg.example', platform: 8, partnerId: 1, privateKey: HASH_KEY } },
    { platformId: 'agg-1', protocol: 'aggregator', api: { baseUrl: 'https://api.aggregator.example', apiKey: AGGREGATOR_KEY }, currencies: ['EUR'], usernamePrefix: 'WP', limits: { readAttemptsMax: 9 } },
  ],
});

function start(service: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', './tools/dev/register-paths.js', `dist/apps/${service}/src/main.js`], {
      cwd: repo,
      // No store is reachable on these: a service that got past its configuration would hang, not exit 1.
      env: { PATH: process.env['PATH'], HTTP_PORT: '18739', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1', KAFKA_BROKERS: '127.0.0.1:1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('a service started with a bad platform registry', () => {
  it.each(['gateway', 'wallet', 'promotions', 'reporting'])('%s names each bad field and exits 1, quoting no value', async (service) => {
    const { code, output } = await start(service, { PLATFORM_REGISTRY: BAD_REGISTRY });

    expect(code).toBe(1);
    const problems = output
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    expect(problems).toEqual([
      'PLATFORM_REGISTRY: platforms[0].operators[0].secretKey: must be 16-200 characters',
      'PLATFORM_REGISTRY: platforms[0].edge.requestFreshnessSeconds: must be 10..86400',
      'PLATFORM_REGISTRY: platforms[1].protocol: protocol must be operator-api, choice-gaming or aggregator',
      'PLATFORM_REGISTRY: platforms[2].operatorId: must be 1-20 chars of [A-Za-z0-9_.-]',
      'PLATFORM_REGISTRY: platforms[2].serviceApi.url: must be an http(s) URL without credentials (they belong in the key fields)',
      'PLATFORM_REGISTRY: platforms[3].api.apiKey: must be 1-512 printable ASCII characters',
      'PLATFORM_REGISTRY: platforms[3].usernamePrefix: must be a lowercase letter then up to 5 lowercase letters or digits',
      'PLATFORM_REGISTRY: platforms[3].limits.readAttemptsMax: must be 1..5',
    ]);
    expect(output).toContain(`${service}: invalid configuration:`);
    expect(output).not.toContain(SECRET_TOO_SHORT);
    expect(output).not.toContain(HASH_KEY);
    expect(output).not.toContain(AGGREGATOR_KEY);
  });

  it('the gateway without a registry names the variable and exits 1', async () => {
    const { code, output } = await start('gateway', {});
    expect([code, output]).toEqual([1, expect.stringMatching(/- PLATFORM_REGISTRY: /)]);
  });

  it('a registry that is not JSON, or repeats a key, is named as such', async () => {
    const notJson = await start('wallet', { PLATFORM_REGISTRY: '{"platforms":[' });
    const repeated = await start('reporting', { PLATFORM_REGISTRY: '{"platforms":[],"platforms":[]}' });
    expect([notJson.code, repeated.code]).toEqual([1, 1]);
    expect(notJson.output).toMatch(/- PLATFORM_REGISTRY: the registry is not valid JSON/);
    expect(repeated.output).toContain('- PLATFORM_REGISTRY: platforms: duplicate key');
  });
});
