/**
 * The benchmark: starts the real stack, ramps `simulator load` (open model) until latency breaks,
 * measures half of peak, and runs the machine's baseline (pgbench doing one changebalance's SQL)
 * in the same run. Writes benchmark.json and a Markdown summary (docs/benchmarks.md explains it).
 *
 *   bash tools/bench/run-benchmark.sh     (builds, then runs this with ts-node)
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import type { LoadReport } from '../../apps/simulator/src/load/load-run';
import { makeFixtures, REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad, type WrkResult } from './wrk-load';

const execFileAsync = promisify(execFile);

/** wrk's closed loop: connections tried in order while throughput still grows and latency holds. */
const WRK_CONNECTIONS = [4, 8, 16, 32, 64, 128];
const WRK_STEP_S = 12;
/** A step must beat the best one by this much, or the search stops: more connections only queue. */
const WRK_GAIN_MIN = 1.05;
const HALF_PEAK_DURATION_S = 20;
/** Time for the consumer group to hand half of the partitions to a second wallet. */
const WALLET_REBALANCE_WAIT_MS = 8_000;
/** The simulator's mixed load (BET, WIN, REFUND, cancels, retries), with its exactly-once proof. */
const SIMULATOR_RATE_PER_SECOND = 150;
const SIMULATOR_DURATION_S = 15;
/** "Broken": p99 above this, more than this share of non-OK answers, or arrivals the operator could not absorb. */
const P99_LIMIT_MS = 500;
const ERROR_SHARE_MAX = 0.01;
const MISSED_SHARE_MAX = 0.05;
const PLAYERS = 200;
const IN_FLIGHT_MAX = 200;
const PGBENCH_DURATION_S = 15;
/** The wallet's DATABASE_POOL_SIZE_MAX default: the most transactions it runs on PostgreSQL at once. */
const PGBENCH_CLIENTS = 10;
const PGBENCH_SAMPLE_MARGIN_MS = 2_000;
const PORT_BASE = 18700;
/**
 * The services' log level (BENCH_LOG_LEVEL). `debug`, the test stack's, writes a line per command
 * in the gateway and the wallet, and the wallet's own handling time per command comes from those
 * lines; production runs at `info`, which writes none (walletHandlerMs is then empty).
 */
const LOG_LEVEL = process.env['BENCH_LOG_LEVEL'] ?? 'debug';
const CLOCK_TICKS_PER_SECOND = 100;
const ADMIN_DATABASE_URL = process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

type Group = 'gateway' | 'wallet' | 'promotions' | 'reporting' | 'kafka' | 'postgres' | 'redis' | 'simulator' | 'wrk';
const STACK_GROUPS: readonly Group[] = ['gateway', 'wallet', 'promotions', 'reporting', 'kafka', 'postgres', 'redis'];

interface ProcessSample {
  readonly ticks: number;
  readonly rssKiB: number;
  readonly group: Group;
}
type Sample = { readonly atMs: number; readonly wallClockMs: number; readonly machine: MachineTicks; readonly processes: Map<number, ProcessSample> };
interface MachineTicks {
  readonly busy: number;
  readonly total: number;
}

/** Whole-machine CPU from /proc/stat: other people's work on this machine competes for the same 2 cores. */
function machineTicks(): MachineTicks {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the not-busy columns.
  return { busy: total - fields[3] - fields[4], total };
}

interface StepResult {
  readonly targetRatePerSecond: number;
  readonly durationS: number;
  readonly achievedRequestsPerSecond: number;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly errorShare: number;
  readonly missedArrivals: number;
  readonly exactlyOnce: boolean;
  readonly balanceDifferences: number;
  readonly resultCodes: Record<string, number>;
  /** CPU ms per request in the load window, by process group. */
  readonly cpuMsPerRequest: Record<string, number>;
  /** CPU share of one core in the load window (100 = one full core), by group. */
  readonly cpuPercent: Record<string, number>;
  readonly rssMiB: Record<string, number>;
  /** Busy share of the whole machine (all processes, 100 = every core busy) in the load window. */
  readonly machineBusyPercent: number;
  /** The wallet's own time per changebalance (its "command handled" log), in the load window. */
  readonly walletHandlerMs: { count: number; p50Ms: number; p99Ms: number };
  readonly broken: string | null;
}

/** p50/p99 of the wallet's change-balance handling times logged between two moments. */
function walletHandlerTimes(stack: TestStack, fromMs: number, toMs: number): { count: number; p50Ms: number; p99Ms: number } {
  const durations: number[] = [];
  for (const line of stack.logOf('wallet').split('\n')) {
    if (!line.includes('"command handled"') || !line.includes('wallet.change-balance')) continue;
    const entry = JSON.parse(line) as { time: string; durationMs: number };
    const at = Date.parse(entry.time);
    if (at >= fromMs && at <= toMs) durations.push(entry.durationMs);
  }
  durations.sort((a, b) => a - b);
  const at = (percent: number) => (durations.length === 0 ? 0 : durations[Math.ceil((percent / 100) * durations.length) - 1]);
  return { count: durations.length, p50Ms: at(50), p99Ms: at(99) };
}

/** The processes of the stack (children of this runner), Kafka, Redis, and PostgreSQL's share for our database. */
function sample(walletDatabase: string, simulatorPid: number | null, kafkaPid: number | null): Sample {
  const processes = new Map<number, ProcessSample>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    let cmdline: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue; // exited while we looked
    }
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(afterName[1]);
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const group = groupOf(pid, ppid, comm, cmdline, walletDatabase, simulatorPid, kafkaPid);
    if (!group) continue;
    const ticks = Number(afterName[11]) + Number(afterName[12]);
    let rssKiB = 0;
    try {
      rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited
    }
    processes.set(pid, { ticks, rssKiB, group });
  }
  return { atMs: performance.now(), wallClockMs: Date.now(), machine: machineTicks(), processes };
}

function groupOf(pid: number, ppid: number, comm: string, cmdline: string, walletDatabase: string, simulatorPid: number | null, kafkaPid: number | null): Group | null {
  if (pid === simulatorPid) return 'simulator';
  if (comm === 'wrk' && ppid === process.pid) return 'wrk';
  if (pid === kafkaPid) return 'kafka';
  if (ppid === process.pid) {
    const app = /dist\/apps\/(gateway|wallet|promotions|reporting)\/src\/main\.js/.exec(cmdline)?.[1];
    return (app as Group | undefined) ?? null;
  }
  if (comm === 'redis-server') return 'redis';
  if (comm === 'postgres' || cmdline.startsWith('postgres:')) {
    // Backends of other databases belong to other people's work on this machine; the background
    // processes (WAL writer, checkpointer…) serve everyone, ours included, and are counted.
    const isBackend = /\(\d+\)|\[local\]/.test(cmdline);
    if (!isBackend) return 'postgres';
    return cmdline.includes(` ${walletDatabase} `) ? 'postgres' : null;
  }
  return null;
}

function cpuBetween(start: Sample, end: Sample): Record<Group, number> {
  const totals = Object.fromEntries([...STACK_GROUPS, 'simulator', 'wrk'].map((group) => [group, 0])) as Record<Group, number>;
  for (const [pid, after] of end.processes) {
    const before = start.processes.get(pid)?.ticks ?? 0;
    totals[after.group] += ((after.ticks - before) * 1000) / CLOCK_TICKS_PER_SECOND;
  }
  return totals;
}

function rssOf(end: Sample): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { group, rssKiB } of end.processes.values()) totals[group] = (totals[group] ?? 0) + rssKiB;
  return Object.fromEntries(Object.entries(totals).map(([group, kiB]) => [group, Math.round(kiB / 1024)]));
}

async function kafkaPid(): Promise<number | null> {
  try {
    const { stdout } = await execFileAsync('bash', ['tools/local-stack/kafka.sh', 'status'], { cwd: REPOSITORY });
    return Number(/pid (\d+)/.exec(stdout)?.[1]) || null;
  } catch {
    return null;
  }
}

/** One `simulator load` run; CPU is sampled between its first and last progress lines (the load window). */
async function loadStep(stack: TestStack, fixturesFile: string, outDirectory: string, ratePerSecond: number, durationS: number, kafka: number | null): Promise<StepResult> {
  const reportFile = join(outDirectory, `load-${ratePerSecond}.json`);
  const walletDatabase = new URL(stack.databaseUrls.wallet).pathname.slice(1);
  const child = spawn(
    process.execPath,
    [
      '-r', './tools/dev/register-paths.js', 'dist/apps/simulator/src/main.js', 'load',
      '--base-url', stack.gatewayUrl(0), '--operator-id', TEST_OPERATOR_ID, '--players-file', fixturesFile,
      '--rate', String(ratePerSecond), '--duration-s', String(durationS), '--in-flight-max', String(IN_FLIGHT_MAX),
      '--seed', String(ratePerSecond), '--out', reportFile,
    ],
    { cwd: REPOSITORY, env: { ...process.env, SIMULATOR_SECRET_KEY: TEST_SECRET_KEY }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let first: { sample: Sample; total: number } | null = null;
  let last: { sample: Sample; total: number } | null = null;
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
    for (const match of chunk.toString('utf8').matchAll(/^t=\d+s .* total=(\d+) /gm)) {
      const point = { sample: sample(walletDatabase, child.pid ?? null, kafka), total: Number(match[1]) };
      if (!first) first = point;
      else last = point;
    }
  });
  child.stdout.resume();
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (exitCode !== 0 && exitCode !== 1) throw new Error(`simulator load at ${ratePerSecond}/s exited ${exitCode}: ${stderrTail}`);
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as LoadReport;
  if (!first || !last) throw new Error(`no load window at ${ratePerSecond}/s`);
  const window = { start: first as { sample: Sample; total: number }, end: last as { sample: Sample; total: number } };
  const requestsInWindow = Math.max(1, window.end.total - window.start.total);
  const windowMs = window.end.sample.atMs - window.start.sample.atMs;
  const cpu = cpuBetween(window.start.sample, window.end.sample);
  const stackCpuMs = STACK_GROUPS.reduce((sum, group) => sum + cpu[group], 0);
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const cpuMsPerRequest: Record<string, number> = { stack: round2(stackCpuMs / requestsInWindow) };
  const cpuPercent: Record<string, number> = { stack: Math.round((stackCpuMs / windowMs) * 100) };
  for (const group of [...STACK_GROUPS, 'simulator'] as Group[]) {
    cpuMsPerRequest[group] = round2(cpu[group] / requestsInWindow);
    cpuPercent[group] = Math.round((cpu[group] / windowMs) * 100);
  }
  const okCount = report.resultCodes['OK'] ?? 0;
  const errorShare = report.requests === 0 ? 1 : (report.requests - okCount) / report.requests;
  const targetSteps = ratePerSecond * durationS;
  let broken: string | null = null;
  if (report.latencyMs.p99Ms > P99_LIMIT_MS) broken = `p99 ${report.latencyMs.p99Ms} ms > ${P99_LIMIT_MS} ms`;
  else if (errorShare > ERROR_SHARE_MAX) broken = `${(errorShare * 100).toFixed(1)}% not OK`;
  else if (report.missedArrivals > targetSteps * MISSED_SHARE_MAX) broken = `${report.missedArrivals} of ${targetSteps} arrivals found no free player (in-flight bound ${IN_FLIGHT_MAX})`;
  else if (!report.exactlyOnce) broken = 'exactly-once check failed';
  return {
    targetRatePerSecond: ratePerSecond,
    durationS,
    achievedRequestsPerSecond: report.requestsPerSecond,
    requests: report.requests,
    p50Ms: report.latencyMs.p50Ms,
    p95Ms: report.latencyMs.p95Ms,
    p99Ms: report.latencyMs.p99Ms,
    maxMs: report.latencyMs.maxMs,
    errorShare: round2(errorShare * 100) / 100,
    missedArrivals: report.missedArrivals,
    exactlyOnce: report.exactlyOnce,
    balanceDifferences: report.verification.differences.length,
    resultCodes: report.resultCodes,
    cpuMsPerRequest,
    cpuPercent,
    rssMiB: rssOf(window.end.sample),
    machineBusyPercent: Math.round(((window.end.sample.machine.busy - window.start.sample.machine.busy) / (window.end.sample.machine.total - window.start.sample.machine.total)) * 100),
    walletHandlerMs: walletHandlerTimes(stack, window.start.sample.wallClockMs, window.end.sample.wallClockMs),
    broken,
  };
}

async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** pgbench on a scratch database with the wallet's own schema (its migrations), same client count. */
async function pgbenchBaseline(kafka: number | null): Promise<{
  tps: number;
  latencyAverageMs: number;
  clients: number;
  durationS: number;
  postgresCpuMsPerTransaction: number;
  machineBusyPercent: number;
  output: string;
}> {
  const name = `bench_pgbench_${randomBytes(4).toString('hex')}`;
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  try {
    await execFileAsync(process.execPath, ['-r', './tools/dev/register-paths.js', 'dist/apps/wallet/src/migrate.js'], {
      cwd: REPOSITORY,
      env: { PATH: process.env['PATH'], DATABASE_URL: url, ENVIRONMENT_NAME: 'pgbench' },
    });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const id = (n: string) => `('00000000-0000-4000-8000-' || lpad(${n}::text, 12, '0'))::uuid`;
      await client.query(
        `INSERT INTO players (id, operator_id, user_id, user_name, country, currency, status)
         SELECT ${id('n')}, 'bench', 'p' || n, 'p' || n, 'Germany', 'EUR', 'active' FROM generate_series(1, $1::int) n`,
        [PLAYERS],
      );
      await client.query(
        `INSERT INTO accounts (id, kind, operator_id, currency, player_id, balance)
         SELECT ${id('n')}, 'player', 'bench', 'EUR', ${id('n')}, 1000000.00 FROM generate_series(1, $1::int) n`,
        [PLAYERS],
      );
      await client.query(`INSERT INTO accounts (id, kind, operator_id, currency, house_purpose) VALUES ('00000000-0000-4000-8000-000000000000', 'house', 'bench', 'EUR', 'game')`);
    } finally {
      await client.end();
    }
    // Backends live only while pgbench runs: sample inside the run, 2 s after its start and 2 s before its end.
    const run = execFileAsync(
      'pgbench',
      ['-n', '-M', 'prepared', '-c', String(PGBENCH_CLIENTS), '-j', '2', '-T', String(PGBENCH_DURATION_S), '-D', `players=${PLAYERS}`, '-f', 'tools/bench/changebalance.pgbench.sql', url],
      { cwd: REPOSITORY, timeout: (PGBENCH_DURATION_S + 30) * 1000 },
    );
    // Awaited below; this only keeps an early failure from being an unhandled rejection meanwhile.
    run.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, PGBENCH_SAMPLE_MARGIN_MS));
    const before = sample(name, null, kafka);
    await new Promise((resolve) => setTimeout(resolve, PGBENCH_DURATION_S * 1000 - 2 * PGBENCH_SAMPLE_MARGIN_MS));
    const after = sample(name, null, kafka);
    const { stdout } = await run;
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1]);
    const latencyAverageMs = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const transactionsInWindow = (tps * (after.atMs - before.atMs)) / 1000;
    return {
      tps: Math.round(tps),
      latencyAverageMs,
      clients: PGBENCH_CLIENTS,
      durationS: PGBENCH_DURATION_S,
      postgresCpuMsPerTransaction: Math.round((cpuBetween(before, after).postgres / transactionsInWindow) * 1000) / 1000,
      machineBusyPercent: Math.round(((after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total)) * 100),
      output: stdout.trim(),
    };
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

type WrkStep = WrkResult & ReturnType<typeof cpuFigures> & { readonly label: string };

/** CPU per request and per process group between two samples. */
function cpuFigures(start: Sample, end: Sample, requests: number) {
  const cpu = cpuBetween(start, end);
  const windowMs = end.atMs - start.atMs;
  const stackCpuMs = STACK_GROUPS.reduce((sum, group) => sum + cpu[group], 0);
  const round3 = (value: number) => Math.round(value * 1000) / 1000;
  const cpuMsPerRequest: Record<string, number> = { stack: round3(stackCpuMs / Math.max(1, requests)) };
  const cpuPercent: Record<string, number> = { stack: Math.round((stackCpuMs / windowMs) * 100) };
  for (const group of [...STACK_GROUPS, 'simulator', 'wrk'] as Group[]) {
    cpuMsPerRequest[group] = round3(cpu[group] / Math.max(1, requests));
    cpuPercent[group] = Math.round((cpu[group] / windowMs) * 100);
  }
  return {
    cpuMsPerRequest,
    cpuPercent,
    rssMiB: rssOf(end),
    machineBusyPercent: Math.round(((end.machine.busy - start.machine.busy) / (end.machine.total - start.machine.total)) * 100),
  };
}

async function playerBalances(stack: TestStack, userIds: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await stack.walletQuery<{ userId: string; cents: string }>(
    `SELECT p.user_id AS "userId", (a.balance * 100)::bigint::text AS cents FROM players p JOIN accounts a ON a.player_id = p.id AND a.kind = 'player' WHERE p.user_id = ANY($1)`,
    [userIds],
  );
  return new Map(rows.map((row) => [row.userId, BigInt(row.cents)]));
}

interface WrkExactlyOnce {
  readonly answeredOk: number;
  readonly answeredUnknown: number;
  readonly appliedRows: number;
  readonly balanceDecreaseCents: string;
  readonly ledgerOk: boolean;
  readonly holds: boolean;
}

/**
 * wrk sends BETs of 0.01 with ids no other request has. Exactly once holds when every OK answer
 * is one applied row, the rows beyond them are at most the unknown answers (OP_47, timeouts:
 * applied or not, the platform would ask), the balances fell by exactly 0.01 per applied row,
 * and the ledger's invariants hold.
 */
async function checkWrkExactlyOnce(stack: TestStack, before: Map<string, bigint>, steps: readonly WrkResult[]): Promise<WrkExactlyOnce> {
  const answeredOk = steps.reduce((sum, step) => sum + (step.resultCodes['OK'] ?? 0), 0);
  // Unknown: OP_47, requests without a counted answer, and the requests still in flight when a
  // step ended (wrk stops without reading them: at most one per connection).
  const answeredUnknown = steps.reduce(
    (sum, step) => sum + step.requests - Object.values(step.resultCodes).reduce((a, b) => a + b, 0) + (step.resultCodes['OP_47'] ?? 0) + step.connections,
    0,
  );
  // The outbox and the wallet may still be finishing the last commands: let them settle.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const [{ rows }] = await stack.walletQuery<{ rows: number }>(
    `SELECT count(*)::int AS rows FROM game_transactions WHERE status = 'OK' AND type = 'BET' AND amount = 0.01 AND user_id = ANY($1)`,
    [[...before.keys()]],
  );
  const after = await playerBalances(stack, [...before.keys()]);
  let decrease = 0n;
  for (const [userId, cents] of before) decrease += cents - (after.get(userId) ?? cents);
  const ledgerOk = (await stack.checkLedger()).ok;
  return {
    answeredOk,
    answeredUnknown,
    appliedRows: rows,
    balanceDecreaseCents: decrease.toString(),
    ledgerOk,
    holds: ledgerOk && rows >= answeredOk && rows <= answeredOk + answeredUnknown && decrease === BigInt(rows),
  };
}

/**
 * The per-statement cost on PostgreSQL (pg_stat_statements, when the server preloads it; the
 * benchmark runs without it otherwise): reset before the peak search, read after it.
 */
async function statementStatsAvailable(): Promise<boolean> {
  try {
    await withAdmin(async (client) => {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT pg_stat_statements_reset()');
    });
    return true;
  } catch {
    return false;
  }
}

async function statementStats(database: string, requests: number): Promise<Array<{ query: string; calls: number; callsPerRequest: number; msPerRequest: number; meanMs: number }>> {
  return withAdmin(async (client) => {
    const { rows } = await client.query<{ query: string; calls: string; total: string; mean: string }>(
      `SELECT left(regexp_replace(s.query, '\\s+', ' ', 'g'), 120) AS query, s.calls::text AS calls, s.total_exec_time::text AS total, s.mean_exec_time::text AS mean
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 ORDER BY s.total_exec_time DESC LIMIT 15`,
      [database],
    );
    return rows.map((row) => ({
      query: row.query,
      calls: Number(row.calls),
      callsPerRequest: Math.round((Number(row.calls) / Math.max(1, requests)) * 1000) / 1000,
      msPerRequest: Math.round((Number(row.total) / Math.max(1, requests)) * 1000) / 1000,
      meanMs: Math.round(Number(row.mean) * 1000) / 1000,
    }));
  });
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const outDirectory = join(REPOSITORY, '.local', 'bench', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(outDirectory, { recursive: true });
  const fixturesFile = join(outDirectory, 'fixtures.json');
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const kafka = await kafkaPid();
  if (kafka === null) throw new Error('the Kafka broker is not running: bash tools/local-stack/kafka.sh start');

  const stack = new TestStack(PORT_BASE, { LOG_LEVEL });
  log(`log level ${LOG_LEVEL}`);
  const wrkSteps: WrkStep[] = [];
  let wrkPeak: WrkStep | null = null;
  let halfPeak: WrkStep | null = null;
  let twoWallets: WrkStep | null = null;
  let statements: Awaited<ReturnType<typeof statementStats>> | null = null;
  let simulator: StepResult | null = null;
  let wrkExactlyOnce: WrkExactlyOnce | null = null;
  let idle: Record<string, number> = {};
  try {
    log('starting the stack');
    await stack.start(1);
    const fixtures = await makeFixtures(stack, fixturesFile, PLAYERS);
    const players = (fixtures.players ?? []).map((player) => ({ user_id: player.user_id, token: player.token, game_id: player.game_id, currency: player.currency }));
    const walletDatabase = new URL(stack.databaseUrls.wallet).pathname.slice(1);
    // Background: what the machine (other people's tests included) costs while we send nothing.
    const idleStart = sample(walletDatabase, null, kafka);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idleEnd = sample(walletDatabase, null, kafka);
    idle = Object.fromEntries(Object.entries(cpuBetween(idleStart, idleEnd)).map(([group, ms]) => [group, Math.round((ms / (idleEnd.atMs - idleStart.atMs)) * 100)]));
    log(`idle CPU % by group: ${JSON.stringify(idle)}`);

    const before = await playerBalances(stack, players.map((player) => player.user_id));
    const withStatementStats = await statementStatsAvailable();
    const wrkStep = async (label: string, connections: number, durationS: number, delayMs = 0): Promise<WrkStep> => {
      const start = sample(walletDatabase, null, kafka);
      const result = await wrkLoad({ url: stack.gatewayUrl(0), operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY, players, connections, durationS, delayMs, workDirectory: outDirectory, label });
      const end = sample(walletDatabase, null, kafka);
      const step = { ...result, ...cpuFigures(start, end, result.requests), label };
      log(
        `wrk ${label}: ${step.requestsPerSecond} req/s, p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} ms, codes ${JSON.stringify(step.resultCodes)}, ` +
          `stack CPU ${step.cpuMsPerRequest['stack']} ms/request (wrk ${step.cpuMsPerRequest['wrk']}), machine busy ${step.machineBusyPercent}%`,
      );
      return step;
    };
    for (const connections of WRK_CONNECTIONS) {
      const step = await wrkStep(`c${connections}`, connections, WRK_STEP_S);
      wrkSteps.push(step);
      const okShare = (step.resultCodes['OK'] ?? 0) / Math.max(1, step.requests);
      const holds = step.latencyMs.p99 <= P99_LIMIT_MS && okShare >= 1 - ERROR_SHARE_MAX;
      if (holds && (!wrkPeak || step.requestsPerSecond > wrkPeak.requestsPerSecond)) {
        const grew = !wrkPeak || step.requestsPerSecond >= wrkPeak.requestsPerSecond * WRK_GAIN_MIN;
        wrkPeak = step;
        if (!grew) break;
      } else break;
    }
    if (withStatementStats) {
      statements = await statementStats(walletDatabase, wrkSteps.reduce((sum, step) => sum + step.requests, 0));
      log(`pg_stat_statements, top by time per request: ${JSON.stringify(statements.slice(0, 6))}`);
    }
    if (wrkPeak) {
      // Half of peak: the same connections, each pausing so that together they send about half.
      const halfRate = wrkPeak.requestsPerSecond / 2;
      const delayMs = Math.max(1, Math.round((wrkPeak.connections * 1000) / halfRate - wrkPeak.latencyMs.p50));
      halfPeak = await wrkStep('half-peak', wrkPeak.connections, HALF_PEAK_DURATION_S, delayMs);
    }
    if (wrkPeak) {
      // One measured point past one wallet: a second instance shares the command partitions.
      await stack.startWalletInstance(1);
      await new Promise((resolve) => setTimeout(resolve, WALLET_REBALANCE_WAIT_MS));
      twoWallets = await wrkStep('two-wallets', wrkPeak.connections, WRK_STEP_S);
    }
    wrkExactlyOnce = await checkWrkExactlyOnce(stack, before, [...wrkSteps, ...(halfPeak ? [halfPeak] : []), ...(twoWallets ? [twoWallets] : [])]);
    log(`wrk exactly once: ${JSON.stringify(wrkExactlyOnce)}`);

    simulator = await loadStep(stack, fixturesFile, outDirectory, SIMULATOR_RATE_PER_SECOND, SIMULATOR_DURATION_S, kafka);
    log(`simulator ${SIMULATOR_RATE_PER_SECOND}/s mixed load: p50 ${simulator.p50Ms} p99 ${simulator.p99Ms} ms, exactly once: ${simulator.exactlyOnce} ${simulator.broken ?? 'ok'}`);
  } finally {
    await stack.stop();
  }
  log('pgbench baseline');
  const pgbench = await pgbenchBaseline(kafka);
  log(`pgbench: ${pgbench.tps} tps at ${pgbench.clients} clients, PostgreSQL CPU ${pgbench.postgresCpuMsPerTransaction} ms per transaction, machine busy ${pgbench.machineBusyPercent}%`);

  const result = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    limits: { p99LimitMs: P99_LIMIT_MS, errorShareMax: ERROR_SHARE_MAX, wrkStepS: WRK_STEP_S, players: PLAYERS },
    idleCpuPercent: idle,
    wrkSteps,
    peak: wrkPeak,
    halfPeak,
    twoWallets,
    statements,
    wrkExactlyOnce,
    simulator,
    pgbench,
    ratioToPgbench: wrkPeak ? Math.round((wrkPeak.requestsPerSecond / pgbench.tps) * 1000) / 1000 : null,
    totalDurationS: Math.round((Date.now() - startedAt) / 1000),
  };
  writeFileSync(join(outDirectory, 'benchmark.json'), JSON.stringify(result, null, 2) + '\n');
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${join(outDirectory, 'benchmark.json')} in ${result.totalDurationS} s`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
