import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, type TestStack } from '@wallet-platform/test-stack';
import { parseFixtures, type CertificationFixtures } from '../certify/certification-fixtures';

const execFileAsync = promisify(execFile);
export const REPOSITORY = join(__dirname, '..', '..', '..', '..');
const FIXTURES_TIMEOUT_MS = 300_000;

/**
 * tools/bench/make-fixtures.sh against a TestStack's wallet database: the certification accounts
 * (and `players` load players) made by the wallet's seed command, as an operator would hand them out.
 */
export async function makeFixtures(stack: TestStack, out: string, players: number): Promise<CertificationFixtures> {
  await execFileAsync('bash', ['tools/bench/make-fixtures.sh', '--out', out, '--players', String(players)], {
    cwd: REPOSITORY,
    timeout: FIXTURES_TIMEOUT_MS,
    env: {
      PATH: process.env['PATH'],
      ENVIRONMENT_NAME: stack.environmentName,
      KAFKA_BROKERS: stack.infrastructure.kafkaBrokers,
      REDIS_URL: stack.infrastructure.redisUrl,
      DATABASE_URL: stack.databaseUrls.wallet,
      SEED_BASE_URL: stack.gatewayUrl(0),
      SEED_PLATFORM_ID: TEST_PLATFORM_ID,
      SEED_OPERATOR_ID: TEST_OPERATOR_ID,
      SEED_SECRET_KEY: TEST_SECRET_KEY,
    },
  });
  return parseFixtures(JSON.parse(readFileSync(out, 'utf8')), out);
}

/** Runs the compiled simulator CLI; resolves with its exit code and output (never rejects on exit 1). */
export async function runSimulatorCli(args: readonly string[], timeoutMs = 120_000): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['-r', './tools/dev/register-paths.js', 'dist/apps/simulator/src/main.js', ...args], {
      cwd: REPOSITORY,
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return { exitCode: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { exitCode: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
