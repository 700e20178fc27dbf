/**
 * Chaos: the simulator's mixed platform load (BET, WIN, REFUND, cancels, identical retries) while
 * one fault at a time is injected, and after each: the simulator's exactly-once proof (which
 * fails if it checked too few players), the ledger's invariants, and the time until a platform's
 * BET is answered OK again without anyone stepping in (docs/reliability.md).
 *
 *   bash tools/bench/chaos.sh           (builds, then runs this; ports 18660-18663; ~3 minutes)
 *
 * Faults injected: SIGKILL of the wallet (restarted), SIGKILL of the gateway (restarted), an
 * overload burst (wrk, 4× the simulator's rate for 10 s). Restarting Kafka, PostgreSQL or Redis and
 * flushing Redis are left out on purpose: on a shared machine those are other people's servers.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import type { LoadReport } from '../../apps/simulator/src/load/load-run';
import { makeFixtures, REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad, type WrkPlayer } from './wrk-load';

const PORT_BASE = 18660;
const PLAYERS = 60;
/** The simulator plays the first 40; the overload burst the others, so that it never moves the simulator's balances. */
const SIMULATOR_PLAYERS = 40;
const LOAD_RATE_PER_SECOND = 40;
const LOAD_DURATION_S = 25;
/** The fault lands this long into the load, so that there is traffic before and after it. */
const FAULT_AT_MS = 6_000;
/** How long the probe keeps trying before the stack counts as not recovered by itself. */
const RECOVERY_WAIT_MAX_MS = 60_000;
const PROBE_PAUSE_MS = 50;
const OVERLOAD_CONNECTIONS = 400;
const OVERLOAD_S = 10;

type Fault = 'wallet-sigkill' | 'gateway-sigkill' | 'overload-burst';
const FAULTS: readonly Fault[] = ['wallet-sigkill', 'gateway-sigkill', 'overload-burst'];

interface FaultResult {
  readonly fault: Fault;
  readonly sent: { steps: number; requests: number; retries: number };
  readonly platformsSaw: Record<string, number>;
  readonly recoveryMs: number | null;
  readonly playersOpened: number;
  readonly playersChecked: number;
  readonly uncertain: number;
  readonly balanceDifferences: number;
  readonly anomalies: number;
  readonly exactlyOnce: boolean;
  readonly ledgerOk: boolean;
}

async function main(): Promise<void> {
  const out = join(REPOSITORY, '.local', 'bench', `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const log = (line: string) => process.stderr.write(`chaos: ${line}\n`);
  const stack = new TestStack(PORT_BASE);
  const gatewayEnv = { WALLET_REPLY_TIMEOUT_MS: '3000' };
  const results: FaultResult[] = [];
  try {
    log('starting the stack');
    await stack.start(0);
    await stack.startGateway(0, gatewayEnv);
    const fixturesFile = join(out, 'fixtures.json');
    const fixtures = await makeFixtures(stack, fixturesFile, PLAYERS);
    const players: WrkPlayer[] = (fixtures.players ?? []).slice(SIMULATOR_PLAYERS).map((p) => ({ user_id: p.user_id, token: p.token, game_id: p.game_id, currency: p.currency }));
    // The probe plays on a player of its own: the simulator's proof covers only the players it drives.
    const probePlayer = await stack.seedPlayer({ balance: '100000.00' });
    const probe = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));

    for (const [index, fault] of FAULTS.entries()) {
      log(`${fault}: load ${LOAD_RATE_PER_SECOND}/s for ${LOAD_DURATION_S} s, fault at ${FAULT_AT_MS} ms`);
      const reportFile = join(out, `load-${fault}.json`);
      const loadDone = runSimulatorLoad(stack, fixturesFile, reportFile, index + 1);
      await sleep(FAULT_AT_MS);
      // Kills: from the kill (the process is gone) to the first OK, the restart included.
      // The burst: from its end to the first OK.
      const { restored } = await strike(fault, stack, gatewayEnv, players, out);
      const from = Date.now();
      let recoveryMs: number | null = null;
      while (Date.now() - from < RECOVERY_WAIT_MAX_MS) {
        const answer = await probe.changeBalance(probePlayer, 'BET', '0.01').catch(() => null);
        if (answer?.status === 'OK') {
          recoveryMs = Date.now() - from;
          break;
        }
        await sleep(PROBE_PAUSE_MS);
      }
      await restored;
      await loadDone;
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as LoadReport;
      const ledgerOk = (await stack.checkLedger()).ok;
      const result: FaultResult = {
        fault,
        sent: { steps: report.steps, requests: report.requests, retries: report.retries },
        platformsSaw: report.resultCodes,
        recoveryMs,
        playersOpened: report.verification.playersOpened,
        playersChecked: report.verification.playersChecked,
        uncertain: report.verification.uncertain.length,
        balanceDifferences: report.verification.differences.length,
        anomalies: report.verification.anomalyCount,
        exactlyOnce: report.exactlyOnce,
        ledgerOk,
      };
      results.push(result);
      log(`${fault}: ${JSON.stringify(result)}`);
    }
  } finally {
    await stack.stop();
  }
  const summary = { at: new Date().toISOString(), loadRatePerSecond: LOAD_RATE_PER_SECOND, results, holds: results.every((r) => r.exactlyOnce && r.ledgerOk && r.recoveryMs !== null) };
  writeFileSync(join(out, 'chaos.json'), JSON.stringify(summary, null, 2));
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  if (!summary.holds) process.exitCode = 1;
}

/**
 * Injects the fault; resolves once it has struck, with a promise of what it took away being back
 * (wrapped: an async function returning a promise would wait for it).
 */
async function strike(fault: Fault, stack: TestStack, gatewayEnv: Record<string, string>, players: readonly WrkPlayer[], out: string): Promise<{ restored: Promise<void> }> {
  switch (fault) {
    case 'wallet-sigkill':
      await stack.killService('wallet');
      return { restored: stack.startWallet() };
    case 'gateway-sigkill':
      await stack.killService('gateway-0');
      return { restored: stack.startGateway(0, gatewayEnv) };
    case 'overload-burst':
      await wrkLoad({ url: stack.gatewayUrl(0), operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY, players, connections: OVERLOAD_CONNECTIONS, durationS: OVERLOAD_S, workDirectory: out, label: 'chaos-burst' });
      return { restored: Promise.resolve() };
    default:
      return assertNever(fault);
  }
}

function runSimulatorLoad(stack: TestStack, fixturesFile: string, reportFile: string, seed: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-r', './tools/dev/register-paths.js', 'dist/apps/simulator/src/main.js', 'load',
      '--base-url', stack.gatewayUrl(0), '--operator-id', TEST_OPERATOR_ID, '--players-file', fixturesFile,
      '--rate', String(LOAD_RATE_PER_SECOND), '--duration-s', String(LOAD_DURATION_S), '--seed', String(seed), '--out', reportFile,
      '--players-max', String(SIMULATOR_PLAYERS),
      '--ledger-check-database-url', stack.databaseUrls.wallet,
    ],
    { cwd: REPOSITORY, env: { ...process.env, SIMULATOR_SECRET_KEY: TEST_SECRET_KEY }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => (stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4_000)));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => (code === 0 || code === 1 ? resolve() : reject(new Error(`simulator load exited ${code}: ${stderrTail}`)))),
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
