/**
 * The chaos run, shared by the command (tools/bench/chaos.ts) and the shorter run inside the e2e
 * suite (chaos.e2e-spec.ts): the simulator's mixed platform load (BET, WIN, REFUND, cancels,
 * `token: null` credits, identical retries) while one fault at a time is injected, and after each:
 *
 * - the simulator's exactly-once proof (which fails when it checked too few players);
 * - the wallet ledger's invariants;
 * - the reporting service's figures against the ledger (GGR per currency, once it caught up);
 * - the time until the stack serves again without anyone stepping in.
 *
 * The stack runs on a PostgreSQL, Redis and Kafka of its own (private-infrastructure.ts), so that
 * restarting or flushing them touches nobody else.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import type { LoadReport } from '../../../apps/simulator/src/load/load-run';
import { makeFixtures, REPOSITORY } from '../../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad, type WrkPlayer } from '../wrk-load';
import type { PrivateInfrastructure } from './private-infrastructure';

export const FAULTS = [
  'wallet-sigkill',
  'gateway-sigkill',
  'promotions-sigkill',
  'reporting-sigkill',
  'kafka-restart',
  'redis-flushall',
  'redis-restart',
  'postgres-restart',
  'overload-burst',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface ChaosOptions {
  readonly portBase: number;
  readonly infrastructure: PrivateInfrastructure;
  readonly faults: readonly Fault[];
  /** Players seeded; the simulator drives the first `simulatorPlayers`, the overload burst the rest. */
  readonly players: number;
  readonly simulatorPlayers: number;
  readonly loadRatePerSecond: number;
  readonly loadDurationS: number;
  /** The fault lands this long into the load, so that there is traffic before and after it. */
  readonly faultAtMs: number;
  /** How long the Kafka broker stays down before it is started again. */
  readonly kafkaDownMs: number;
  readonly overload: { readonly connections: number; readonly durationS: number };
  readonly out: string;
  readonly log: (line: string) => void;
}

/** How long the probe keeps trying before the stack counts as not recovered by itself. */
const RECOVERY_WAIT_MAX_MS = 90_000;
const PROBE_PAUSE_MS = 50;
/** Probes waiting for an answer at once, at most (a stuck stack holds each until its deadline). */
const PROBES_OUTSTANDING_MAX = 100;
/** How long the reporting service may take to catch up with the ledger after a fault. */
const REPORTS_CATCH_UP_MAX_MS = 60_000;

export interface FaultResult {
  readonly fault: Fault;
  readonly sent: { steps: number; requests: number; retries: number };
  readonly platformsSaw: Record<string, number>;
  /**
   * Milliseconds without a person: from the moment the fault is over (the process killed, the
   * server answering again, the burst ended, the keys flushed) to the first OK of what it took away
   * (a platform's BET; for promotions its readiness; for reporting its catching up with the ledger).
   */
  readonly recoveryMs: number | null;
  /** For the Kafka restart: from stopping the broker to the first OK, the time it was down included. */
  readonly outageToOkMs: number | null;
  readonly playersOpened: number;
  readonly playersChecked: number;
  readonly uncertain: number;
  /** The proof's balance differences: money lost or doubled. */
  readonly balanceDifferences: number;
  /** The proof's anomalies: an answer contradicting an earlier one, a balance the book cannot explain. */
  readonly anomalies: number;
  readonly exactlyOnce: boolean;
  readonly ledgerOk: boolean;
  readonly reportsMatchLedger: boolean;
  readonly reportsDetail: string;
}

export interface ChaosSummary {
  readonly at: string;
  readonly loadRatePerSecond: number;
  readonly results: readonly FaultResult[];
  readonly holds: boolean;
}

export async function runChaos(options: ChaosOptions): Promise<ChaosSummary> {
  const { log, out } = options;
  mkdirSync(out, { recursive: true });
  const stack = new TestStack(options.portBase, {}, options.infrastructure.infrastructure);
  const gatewayEnv = { WALLET_REPLY_TIMEOUT_MS: '3000' };
  const results: FaultResult[] = [];
  try {
    log('starting the stack');
    await stack.start(0);
    await stack.startGateway(0, gatewayEnv);
    const fixturesFile = join(out, 'fixtures.json');
    const fixtures = await makeFixtures(stack, fixturesFile, options.players);
    const burstPlayers: WrkPlayer[] = (fixtures.players ?? []).slice(options.simulatorPlayers).map((p) => ({ user_id: p.user_id, token: p.token, game_id: p.game_id, currency: p.currency }));
    // The probe plays on a player of its own: the simulator's proof covers only the players it drives.
    const probePlayer = await stack.seedPlayer({ balance: '100000.00' });
    const probe = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
    // An open loop: a probe BET every PROBE_PAUSE_MS without waiting for the one before, so that
    // one probe stuck until its deadline (3 s) does not hide an OK that came meanwhile.
    const firstOkBet = (from: number) =>
      new Promise<number | null>((resolve) => {
        let done = false;
        let outstanding = 0;
        const finish = (at: number | null) => {
          if (done) return;
          done = true;
          clearInterval(timer);
          resolve(at);
        };
        const timer = setInterval(() => {
          if (Date.now() - from > RECOVERY_WAIT_MAX_MS) return finish(null);
          if (outstanding >= PROBES_OUTSTANDING_MAX) return;
          outstanding++;
          void probe.changeBalance(probePlayer, 'BET', '0.01').then(
            (answer) => {
              outstanding--;
              if (answer.status === 'OK') finish(Date.now());
            },
            () => outstanding--,
          );
        }, PROBE_PAUSE_MS);
      });

    for (const [index, fault] of options.faults.entries()) {
      log(`${fault}: load ${options.loadRatePerSecond}/s for ${options.loadDurationS} s, fault at ${options.faultAtMs} ms`);
      const reportFile = join(out, `load-${fault}.json`);
      const loadDone = runSimulatorLoad(stack, options, fixturesFile, reportFile, index + 1);
      await sleep(options.faultAtMs);
      const struck = await strike(fault, stack, options, gatewayEnv, burstPlayers);
      const okAt = struck.recoveredAt ? await struck.recoveredAt : await firstOkBet(struck.overAt);
      const recoveryMs = okAt === null ? null : okAt - struck.overAt;
      const outageToOkMs = okAt === null || struck.startedAt === null ? null : okAt - struck.startedAt;
      log(`${fault}: recovered in ${recoveryMs ?? 'never'} ms${outageToOkMs === null ? '' : ` (${outageToOkMs} ms from the outage)`}`);
      await loadDone;
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as LoadReport;
      const ledgerOk = (await stack.checkLedger()).ok;
      const reports = await reportsAgainstLedger(stack);
      const result: FaultResult = {
        fault,
        sent: { steps: report.steps, requests: report.requests, retries: report.retries },
        platformsSaw: report.resultCodes,
        recoveryMs,
        outageToOkMs,
        playersOpened: report.verification.playersOpened,
        playersChecked: report.verification.playersChecked,
        uncertain: report.verification.uncertain.length,
        balanceDifferences: report.verification.differences.length,
        anomalies: report.verification.anomalyCount,
        exactlyOnce: report.exactlyOnce,
        ledgerOk,
        reportsMatchLedger: reports.match,
        reportsDetail: reports.detail,
      };
      results.push(result);
      log(`${fault}: ${JSON.stringify(result)}`);
    }
  } finally {
    await stack.stop().catch((error: unknown) => log(`stopping the stack failed: ${String(error)}`));
  }
  return {
    at: new Date().toISOString(),
    loadRatePerSecond: options.loadRatePerSecond,
    results,
    holds: results.length === options.faults.length && results.every(faultHolds),
  };
}

export function faultHolds(result: FaultResult): boolean {
  return result.exactlyOnce && result.ledgerOk && result.reportsMatchLedger && result.recoveryMs !== null;
}

interface Struck {
  /** When the fault ended (killed, back, flushed, burst over): recovery is counted from here. */
  readonly overAt: number;
  /** When an outage began, for faults that last a while (the broker down). */
  readonly startedAt: number | null;
  /** For faults whose recovery is not a BET answered OK: when that recovery happened. */
  readonly recoveredAt?: Promise<number | null>;
}

/** Injects the fault; resolves once it is over, with what the recovery is measured from. */
async function strike(fault: Fault, stack: TestStack, options: ChaosOptions, gatewayEnv: Record<string, string>, burstPlayers: readonly WrkPlayer[]): Promise<Struck> {
  const infrastructure = options.infrastructure;
  const killed = async (service: string, restart: () => Promise<void>): Promise<Struck> => {
    await stack.killService(service);
    const overAt = Date.now();
    // Restarted at once, as an orchestrator would: its start-up is part of the recovery.
    void restart().catch((error: unknown) => options.log(`${service} did not restart: ${String(error)}`));
    return { overAt, startedAt: null };
  };
  switch (fault) {
    case 'wallet-sigkill':
      return killed('wallet', () => stack.startWallet());
    case 'gateway-sigkill':
      return killed('gateway-0', () => stack.startGateway(0, gatewayEnv));
    case 'promotions-sigkill': {
      await stack.killService('promotions');
      const overAt = Date.now();
      return { overAt, startedAt: null, recoveredAt: stack.startPromotions().then(() => Date.now(), () => null) };
    }
    case 'reporting-sigkill': {
      await stack.killService('reporting');
      const overAt = Date.now();
      const recoveredAt = stack.startReporting().then(async () => ((await waitUntilReportsCaughtUp(stack, REPORTS_CATCH_UP_MAX_MS)) ? Date.now() : null), () => null);
      return { overAt, startedAt: null, recoveredAt };
    }
    case 'kafka-restart': {
      const startedAt = Date.now();
      await infrastructure.stopKafka();
      await sleep(Math.max(0, options.kafkaDownMs - (Date.now() - startedAt)));
      await infrastructure.startKafkaAgain();
      return { overAt: Date.now(), startedAt };
    }
    case 'redis-flushall':
      await infrastructure.flushRedis();
      return { overAt: Date.now(), startedAt: null };
    case 'redis-restart': {
      const startedAt = Date.now();
      await infrastructure.restartRedis();
      return { overAt: Date.now(), startedAt };
    }
    case 'postgres-restart': {
      const startedAt = Date.now();
      await infrastructure.restartPostgres();
      return { overAt: Date.now(), startedAt };
    }
    case 'overload-burst':
      await wrkLoad({
        url: stack.gatewayUrl(0),
        operatorId: TEST_OPERATOR_ID,
        secretKey: TEST_SECRET_KEY,
        players: burstPlayers,
        connections: options.overload.connections,
        durationS: options.overload.durationS,
        workDirectory: options.out,
        label: 'chaos-burst',
      });
      return { overAt: Date.now(), startedAt: null };
    default:
      return assertNever(fault);
  }
}

function runSimulatorLoad(stack: TestStack, options: ChaosOptions, fixturesFile: string, reportFile: string, seed: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-r', './tools/dev/register-paths.js', 'dist/apps/simulator/src/main.js', 'load',
      '--base-url', stack.gatewayUrl(0), '--operator-id', TEST_OPERATOR_ID, '--players-file', fixturesFile,
      '--rate', String(options.loadRatePerSecond), '--duration-s', String(options.loadDurationS), '--seed', String(seed), '--out', reportFile,
      '--players-max', String(options.simulatorPlayers),
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

/** True once the wallet published every ledger event and the reporting service took each one. */
async function waitUntilReportsCaughtUp(stack: TestStack, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const [{ total, unpublished }] = await stack.walletQuery<{ total: string; unpublished: string }>(
        `SELECT count(*)::text AS total, count(*) FILTER (WHERE published_at IS NULL)::text AS unpublished FROM outbox_events WHERE topic LIKE '%ledger-events'`,
      );
      const [{ processed }] = await stack.reportingQuery<{ processed: string }>(`SELECT count(*)::text AS processed FROM processed_ledger_events`);
      if (unpublished === '0' && processed === total) return true;
    } catch {
      // a server still coming back
    }
    await sleep(100);
  }
  return false;
}

/**
 * The reporting service's GGR per currency against the same figure straight from the ledger: the
 * player-account entries of every game transaction's postings (its own and its cancel's), negated.
 */
async function reportsAgainstLedger(stack: TestStack): Promise<{ match: boolean; detail: string }> {
  if (!(await waitUntilReportsCaughtUp(stack, REPORTS_CATCH_UP_MAX_MS))) return { match: false, detail: 'reporting did not catch up with the ledger' };
  const reported = await stack.reportingQuery<{ currency: string; ggr: string }>(
    `SELECT currency, sum(ggr)::numeric(18,2)::text AS ggr FROM daily_game_totals WHERE platform_id = $1 AND operator_id = $2 GROUP BY currency ORDER BY currency`,
    [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
  );
  const ledger = await stack.walletQuery<{ currency: string; ggr: string }>(
    `SELECT gt.currency, (-sum(e.amount))::numeric(18,2)::text AS ggr
       FROM game_transactions gt
       JOIN ledger_transactions lt ON lt.id IN (gt.ledger_transaction_id, gt.cancel_ledger_transaction_id)
       JOIN ledger_entries e ON e.transaction_id = lt.id
       JOIN accounts a ON a.id = e.account_id AND a.kind = 'player'
      WHERE gt.platform_id = $1 AND gt.operator_id = $2
      GROUP BY gt.currency ORDER BY gt.currency`,
    [TEST_PLATFORM_ID, TEST_OPERATOR_ID],
  );
  const detail = `reported ${JSON.stringify(reported)}, ledger ${JSON.stringify(ledger)}`;
  return { match: ledger.length > 0 && JSON.stringify(reported) === JSON.stringify(ledger), detail };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}
