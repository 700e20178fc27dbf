import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Money } from '@wallet-platform/money';
import type { TestPlayer } from '../certify/certification-fixtures';
import { OperatorClient, OperatorCommand, resultCodeOf, type OperatorEndpoint } from '../protocol/operator-client';
import { moneyField } from '../protocol/operator-response';
import { PlatformIdSequence } from '../protocol/platform-id-sequence';
import { balanceData } from '../protocol/request-data';
import { ExpectedBalanceBook, type Anomaly, type BalanceDifference } from './expected-balance-book';
import type { LatencySummary } from './latency-percentiles';
import { LoadStatistics } from './load-statistics';
import { PlayerRounds, type RoundMix } from './player-rounds';
import { SeededRandom } from './seeded-random';

/** Bounds of a load run: every one is checked where the options enter (main.ts). */
export const LOAD_PLAYERS_MAX = 10_000;
export const LOAD_DURATION_MS_MAX = 30 * 60_000;
export const LOAD_RATE_PER_SECOND_MAX = 20_000;
export const LOAD_CONCURRENCY_MAX = 2_000;
export const LOAD_IN_FLIGHT_MAX = 4_000;
/** After the duration: how long pending cancels may take before the run gives up on them. */
export const DRAIN_TIMEOUT_MS = 30_000;
/** Between two rounds of late resends: a platform backs off, and a restarting service needs the time. */
const RESOLVE_PAUSE_MS = 250;
/** Parallel balance reads before and after the run: enough to be quick, few enough not to be load. */
export const VERIFY_CONCURRENCY = 8;
/** The open model's clock: arrivals due are started every tick. */
const SCHEDULER_TICK_MS = 5;
const PROGRESS_INTERVAL_MS = 1_000;
/** How long the ledger check command may run. */
const LEDGER_CHECK_TIMEOUT_MS = 120_000;
const LEDGER_CHECK_OUTPUT_BYTES_MAX = 1024 * 1024;

export type LoadModel = { readonly kind: 'open'; readonly ratePerSecond: number } | { readonly kind: 'closed'; readonly concurrency: number };

export interface LoadOptions {
  readonly endpoint: OperatorEndpoint;
  readonly players: readonly TestPlayer[];
  readonly model: LoadModel;
  readonly durationMs: number;
  readonly inFlightMax: number;
  readonly mix: RoundMix;
  readonly seed: number;
  readonly requestTimeoutMs: number;
  /** When set: run the wallet's ledger invariant check against this database after the run. */
  readonly ledgerCheckDatabaseUrl?: string;
  /** Called once a second with the progress line; stderr in the CLI. */
  readonly onProgress?: (line: string) => void;
}

export interface LedgerCheckResult {
  readonly command: string;
  readonly exitCode: number | null;
  readonly passed: boolean;
  readonly output: string;
}

export interface LoadReport {
  readonly target: { model: LoadModel; durationMs: number; players: number; inFlightMax: number; seed: number; mix: Record<string, string | number> };
  readonly elapsedMs: number;
  /** Logical steps started (one request and its identical retries) and HTTP requests sent. */
  readonly steps: number;
  readonly requests: number;
  readonly retries: number;
  readonly requestsPerSecond: number;
  readonly missedArrivals: number;
  readonly latencyMs: LatencySummary;
  readonly latencyMsByKind: Record<string, LatencySummary>;
  readonly resultCodes: Record<string, number>;
  readonly resultCodesByKind: Record<string, Record<string, number>>;
  readonly verification: {
    readonly playersOpened: number;
    readonly playersChecked: number;
    readonly differences: readonly BalanceDifference[];
    readonly uncertain: ReadonlyArray<{ userId: string; reason: string }>;
    readonly unreadable: ReadonlyArray<{ userId: string; reason: string }>;
    readonly anomalyCount: number;
    readonly anomalies: readonly Anomaly[];
  };
  readonly ledgerCheck: LedgerCheckResult | null;
  /** See exactlyOnceHolds: never true on a proof that checked too few players. */
  readonly exactlyOnce: boolean;
}

/**
 * Least share of the opened players whose balance the proof must have checked: a proof over
 * none of them (every player uncertain after a crash) proves nothing, so it fails.
 */
export const PLAYERS_CHECKED_SHARE_MIN = 0.8;

export function playersToCheck(playersOpened: number): number {
  return Math.max(1, Math.ceil(playersOpened * PLAYERS_CHECKED_SHARE_MIN));
}

/** Zero differences, zero anomalies, the ledger check (if run) passed, and enough players checked. */
export function exactlyOnceHolds(facts: {
  readonly playersOpened: number;
  readonly playersChecked: number;
  readonly differences: number;
  readonly anomalies: number;
  readonly ledgerCheck: LedgerCheckResult | null;
}): boolean {
  return (
    facts.playersChecked >= playersToCheck(facts.playersOpened) &&
    facts.differences === 0 &&
    facts.anomalies === 0 &&
    (facts.ledgerCheck === null || facts.ledgerCheck.passed)
  );
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const client = new OperatorClient(options.endpoint, options.requestTimeoutMs);
  const statistics = new LoadStatistics();
  const book = new ExpectedBalanceBook();
  const ids = new PlatformIdSequence();
  const random = new SeededRandom(options.seed);

  // The book starts from what the operator says now, not from the fixture file (it may be old).
  const unreadable: Array<{ userId: string; reason: string }> = [];
  const opened: PlayerRounds[] = [];
  await forEachBounded(options.players, VERIFY_CONCURRENCY, async (player) => {
    const balance = await readBalance(client, player);
    if (typeof balance === 'string') {
      unreadable.push({ userId: player.user_id, reason: `before the run: ${balance}` });
      return;
    }
    book.open(player.user_id, balance);
    opened.push(new PlayerRounds(player, client, book, ids, random, options.mix, statistics));
  });

  const idle: PlayerRounds[] = [...opened];
  let inFlight = 0;
  let steps = 0;
  const startedAt = performance.now();
  const deadline = startedAt + options.durationMs;
  const running = new Set<Promise<void>>();

  const launch = (rounds: PlayerRounds): Promise<void> => {
    inFlight++;
    steps++;
    const work = rounds
      .step()
      .catch((error: unknown) => book.markUncertain(rounds.player.user_id, `simulator error: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        inFlight--;
        running.delete(work);
        idle.push(rounds);
      });
    running.add(work);
    return work;
  };

  const progress = setInterval(() => {
    const window = statistics.takeWindow();
    const elapsedS = Math.round((performance.now() - startedAt) / 1000);
    options.onProgress?.(
      `t=${elapsedS}s req/s=${window.requests} errors=${window.errors} p50=${window.latency.p50Ms}ms p99=${window.latency.p99Ms}ms ` +
        `in-flight=${inFlight} total=${statistics.requests} missed=${statistics.missedArrivals}`,
    );
  }, PROGRESS_INTERVAL_MS);

  try {
    if (options.model.kind === 'open') {
      const { ratePerSecond } = options.model;
      let started = 0;
      while (performance.now() < deadline) {
        const due = Math.floor(((performance.now() - startedAt) / 1000) * ratePerSecond);
        for (; started < due; started++) {
          const next = inFlight < options.inFlightMax ? idle.shift() : undefined;
          // Open model: an arrival with nobody free is counted, never queued (queuing would turn
          // the open model into a closed one and hide the operator's latency).
          if (next) void launch(next);
          else statistics.missedArrivals++;
        }
        await sleep(SCHEDULER_TICK_MS);
      }
    } else {
      const workers = Math.min(options.model.concurrency, options.inFlightMax, opened.length);
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (performance.now() < deadline) {
            const next = idle.shift();
            if (!next) {
              await sleep(SCHEDULER_TICK_MS);
              continue;
            }
            await launch(next);
          }
        }),
      );
    }
    await Promise.all([...running]);
    const elapsedMs = performance.now() - startedAt;

    // A BET whose outcome is unknown must be settled by its cancel, and an unanswered credit by its
    // identical resend, before balances can be compared: what a platform does, paced, until answered.
    const drainDeadline = performance.now() + DRAIN_TIMEOUT_MS;
    for (let pending = opened.filter((rounds) => rounds.needsResolution); pending.length > 0 && performance.now() < drainDeadline; pending = opened.filter((rounds) => rounds.needsResolution)) {
      await forEachBounded(pending, VERIFY_CONCURRENCY, (rounds) => rounds.resolve());
      if (opened.some((rounds) => rounds.needsResolution)) await sleep(RESOLVE_PAUSE_MS);
    }
    for (const rounds of opened.filter((r) => r.hasPendingCancel)) book.markUncertain(rounds.player.user_id, `cancel still pending after ${DRAIN_TIMEOUT_MS} ms`);
    clearInterval(progress);

    const differences: BalanceDifference[] = [];
    let playersChecked = 0;
    await forEachBounded(opened, VERIFY_CONCURRENCY, async ({ player }) => {
      if (book.isUncertain(player.user_id)) return;
      const balance = await readBalance(client, player);
      if (typeof balance === 'string') {
        unreadable.push({ userId: player.user_id, reason: `after the run: ${balance}` });
        return;
      }
      playersChecked++;
      const difference = book.compare(player.user_id, balance);
      if (difference) differences.push(difference);
    });

    const ledgerCheck = options.ledgerCheckDatabaseUrl ? await runLedgerCheck(options.ledgerCheckDatabaseUrl) : null;
    return {
      target: {
        model: options.model,
        durationMs: options.durationMs,
        players: opened.length,
        inFlightMax: options.inFlightMax,
        seed: options.seed,
        mix: {
          betMin: options.mix.betMinMinor.toString() + ' minor',
          betMax: options.mix.betMaxMinor.toString() + ' minor',
          winPerMille: options.mix.winPerMille,
          refundPerMille: options.mix.refundPerMille,
          cancelPerMille: options.mix.cancelPerMille,
          nullTokenPerMille: options.mix.nullTokenPerMille,
          retryPerMille: options.mix.retryPerMille,
          retriesMax: options.mix.retriesMax,
        },
      },
      elapsedMs: Math.round(elapsedMs),
      steps,
      requests: statistics.requests,
      retries: statistics.retries,
      requestsPerSecond: Math.round((statistics.requests / elapsedMs) * 1000 * 10) / 10,
      missedArrivals: statistics.missedArrivals,
      latencyMs: statistics.latency.summary(),
      latencyMsByKind: statistics.latencyByKindSummary(),
      resultCodes: statistics.totalsByCode(),
      resultCodesByKind: statistics.resultCodes(),
      verification: {
        playersOpened: opened.length,
        playersChecked,
        differences,
        uncertain: book.uncertainPlayers(),
        unreadable,
        anomalyCount: book.anomalyCount,
        anomalies: book.anomalies,
      },
      ledgerCheck,
      exactlyOnce: exactlyOnceHolds({ playersOpened: opened.length, playersChecked, differences: differences.length, anomalies: book.anomalyCount, ledgerCheck }),
    };
  } finally {
    clearInterval(progress);
  }
}

async function readBalance(client: OperatorClient, player: TestPlayer): Promise<Money | string> {
  const call = await client.call(OperatorCommand.Balance, balanceData({ token: player.token, userId: player.user_id, currency: player.currency }));
  if (resultCodeOf(call) !== 'OK') return `balance answered ${resultCodeOf(call)}`;
  try {
    return moneyField(call.response!.data, 'balance', player.currency);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The wallet's own invariant check (`check-ledger.js`, part of the wallet app): it prints JSON and
 * exits non-zero on a violation. It is run as a command, never imported: the simulator stays a
 * black box towards the wallet's code.
 */
export async function runLedgerCheck(databaseUrl: string): Promise<LedgerCheckResult> {
  const repository = repositoryRoot();
  const script = 'dist/apps/wallet/src/ledger/check-ledger.js';
  const command = `node -r ./tools/dev/register-paths.js ${script}`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', './tools/dev/register-paths.js', script], {
      cwd: repository,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: LEDGER_CHECK_TIMEOUT_MS,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      if (output.length < LEDGER_CHECK_OUTPUT_BYTES_MAX) output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => resolve({ command, exitCode: null, passed: false, output: error.message }));
    child.on('close', (exitCode) => resolve({ command, exitCode, passed: exitCode === 0, output: output.trim() }));
  });
}

/** The repository holding this file, compiled (dist/apps/…) or not (apps/…). */
function repositoryRoot(): string {
  for (let directory = __dirname; directory !== dirname(directory); directory = dirname(directory)) {
    if (existsSync(join(directory, 'tools', 'dev', 'register-paths.js'))) return directory;
  }
  throw new Error(`no repository (tools/dev/register-paths.js) above ${__dirname}`);
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function forEachBounded<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatLoadSummary(report: LoadReport): string {
  const { verification } = report;
  const lines = [
    `target: ${report.target.model.kind === 'open' ? `open model, ${report.target.model.ratePerSecond} steps/s` : `closed model, concurrency ${report.target.model.concurrency}`}, ` +
      `${report.target.durationMs / 1000} s, ${report.target.players} players, in-flight ≤ ${report.target.inFlightMax}, seed ${report.target.seed}`,
    `sent: ${report.requests} requests (${report.retries} identical retries) in ${(report.elapsedMs / 1000).toFixed(1)} s = ${report.requestsPerSecond} req/s; missed arrivals ${report.missedArrivals}`,
    `latency: p50 ${report.latencyMs.p50Ms} ms, p95 ${report.latencyMs.p95Ms} ms, p99 ${report.latencyMs.p99Ms} ms, max ${report.latencyMs.maxMs} ms`,
    ...Object.entries(report.latencyMsByKind).map(([kind, summary]) => `  ${kind.padEnd(8)} n=${summary.count} p50 ${summary.p50Ms} ms p99 ${summary.p99Ms} ms max ${summary.maxMs} ms`),
    `result codes: ${Object.entries(report.resultCodes).map(([code, count]) => `${code} ${count}`).join(', ')}`,
    ...Object.entries(report.resultCodesByKind).map(([kind, codes]) => `  ${kind.padEnd(8)} ${Object.entries(codes).map(([code, count]) => `${code} ${count}`).join(', ')}`),
    `balances: ${verification.playersChecked} of ${verification.playersOpened} players checked (at least ${playersToCheck(verification.playersOpened)} required), ${verification.differences.length} differences, ` +
      `${verification.uncertain.length} uncertain, ${verification.unreadable.length} unreadable, ${verification.anomalyCount} anomalies`,
    ...verification.differences.slice(0, 10).map((d) => `  DIFFERENCE ${d.userId}: expected ${d.expected}, operator says ${d.actual} (${d.difference})`),
    ...verification.uncertain.slice(0, 10).map((u) => `  uncertain ${u.userId}: ${u.reason}`),
    ...verification.unreadable.slice(0, 10).map((u) => `  unreadable ${u.userId}: ${u.reason}`),
    ...verification.anomalies.slice(0, 10).map((a) => `  ANOMALY ${a.userId} ${a.transactionId}: ${a.what}`),
    report.ledgerCheck ? `ledger check: ${report.ledgerCheck.passed ? 'passed' : `FAILED (exit ${report.ledgerCheck.exitCode})`}: ${report.ledgerCheck.output.slice(0, 500)}` : 'ledger check: not run (no --ledger-check-database-url)',
    `exactly once: ${report.exactlyOnce ? 'yes' : 'NO'}`,
  ];
  return lines.join('\n') + '\n';
}
