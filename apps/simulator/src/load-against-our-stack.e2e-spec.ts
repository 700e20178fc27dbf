import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import type { LoadReport } from './load/load-run';
import { makeFixtures, runSimulatorCli } from './testing/our-stack-fixtures';

const PLAYERS = 10;
const RATE_STEPS_PER_SECOND = 20;
// A minute: long enough for every kind of step, retry and cancel to happen many times.
const DURATION_S = 60;

/**
 * A one-minute load run against our stack proves exactly-once end to end: after concurrent rounds with
 * identical retries, refunds, cancels and null-token wins, every player's balance is what the
 * answers said, and the wallet's ledger invariant check passes.
 */
describe('simulator load against our stack', () => {
  const stack = new TestStack(18640);
  const workDirectory = mkdtempSync(join(tmpdir(), 'simulator-load-'));
  const fixturesFile = join(workDirectory, 'fixtures.json');
  const reportFile = join(workDirectory, 'load.json');

  beforeAll(async () => {
    await stack.start(1);
    await makeFixtures(stack, fixturesFile, PLAYERS);
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
  }, 60_000);

  it(`${DURATION_S} s at ${RATE_STEPS_PER_SECOND} steps/s over ${PLAYERS} players: zero balance differences, ledger invariants hold`, async () => {
    const run = await runSimulatorCli([
      'load',
      '--base-url', stack.gatewayUrl(0),
      '--operator-id', TEST_OPERATOR_ID,
      '--secret', TEST_SECRET_KEY,
      '--players-file', fixturesFile,
      '--rate', String(RATE_STEPS_PER_SECOND),
      '--duration-s', String(DURATION_S),
      // A high retry share so identical resends are certain to happen in a short run.
      '--retry-fraction', '0.2',
      '--cancel-fraction', '0.1',
      '--seed', '20261123',
      '--out', reportFile,
      '--ledger-check-database-url', stack.databaseUrls.wallet,
    ]);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as LoadReport;

    expect(run.exitCode).toBe(0);
    expect(report.verification).toMatchObject({ playersOpened: PLAYERS, playersChecked: PLAYERS, differences: [], uncertain: [], unreadable: [], anomalyCount: 0 });
    expect(report.ledgerCheck).toMatchObject({ passed: true, exitCode: 0 });
    expect(report.exactlyOnce).toBe(true);
    expect(report.resultCodesByKind['BET']['OK']).toBeGreaterThan(50);
    expect(report.resultCodesByKind['WIN']['OK']).toBeGreaterThan(10);
    expect(report.resultCodesByKind['cancel']['OK']).toBeGreaterThan(0);
    expect(report.retries).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^t=1s req\/s=\d+ /m);
    process.stdout.write(`${run.stdout}\n`);
  }, 240_000);
});
