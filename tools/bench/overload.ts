/**
 * Overload: what the platforms see when they offer the gateway three times what the stack can
 * sustain, and how fast it is back after (docs/reliability.md).
 *
 *   bash tools/bench/overload.sh        (builds, then runs this; ports 18620-18623, or OVERLOAD_PORT_BASE; ~2 minutes)
 *
 * 1. The real stack (TestStack), 200 players with 100,000.00 each.
 * 2. Sustainable: wrk's closed loop at 64 connections (the benchmark's peak, docs/benchmarks.md).
 * 3. Overload: about 3× that rate for 30 s: connections each sending one BET a second.
 * 4. After: one BET sent again and again until it is OK (the time to recover), then 64
 *    connections for 5 s.
 * 5. Exactly once over the three steps: every OK is one applied row, rows beyond them are at most
 *    the unknown answers (OP_47, unanswered, in flight at a step's end), never an OP_50; balances
 *    fell by 0.01 per applied row; the ledger's invariants hold. Gateway RSS sampled all along.
 * 6. A sampler of its own sends 20 BETs a second through the overload and keeps each answer's code,
 *    time and transaction id (wrk reports latency over all answers only): the p99 of the OK answers
 *    alone, and each BET it saw shed with OP_50 looked up in the wallet, which must not hold it.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GamePlatform, PlatformClient, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import { freshId } from '@wallet-platform/test-stack';
import { summarize } from '../../apps/simulator/src/load/latency-percentiles';
import { makeFixtures, REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad, type WrkPlayer, type WrkResult } from './wrk-load';

const PORT_BASE = Number(process.env['OVERLOAD_PORT_BASE'] ?? 18620);
/** The sampler's open-loop rate during the overload: enough answers for a p99 of the OK ones. */
const SAMPLE_INTERVAL_MS = 50;
const PLAYERS = 200;
const SUSTAINABLE_CONNECTIONS = 64;
const SUSTAINABLE_S = 10;
const OVERLOAD_FACTOR = 3;
const OVERLOAD_S = 30;
/** Each overload connection pauses this long before each request: one request a second at most. */
const OVERLOAD_DELAY_MS = 1_000;
/**
 * wrk is a closed loop: a connection sends again only after its answer and the pause. Sized for
 * answers taking up to this long, the connections offer 3× even when the stack slows down.
 */
const OVERLOAD_ANSWER_ALLOWANCE_MS = 1_500;
/** Admission settings to try, passed to the gateway as they are (its defaults otherwise). */
const GATEWAY_SETTINGS = [
  'GATEWAY_IN_FLIGHT_MAX',
  'GATEWAY_IN_FLIGHT_MIN',
  'GATEWAY_WALLET_WAIT_TARGET_MS',
  'GATEWAY_QUEUE_MAX',
  'GATEWAY_QUEUE_TIME_BUDGET_MS',
  'GATEWAY_EVENT_LOOP_LAG_MAX_MS',
] as const;
/**
 * The services log at production's level (info) unless OVERLOAD_LOG_LEVEL says otherwise: the test
 * stack's debug level writes a line per answer, which cost the gateway about a fifth of its CPU
 * under overload (a profile of 2026-12-02) and is not what production pays.
 */
const LOG_LEVEL = process.env['OVERLOAD_LOG_LEVEL'] ?? 'info';
const AFTER_S = 5;
const RSS_SAMPLE_MS = 250;
/** A stack that is not answering OK this long after the overload has not recovered by itself. */
const FIRST_OK_WAIT_MAX_MS = 30_000;

interface Step {
  readonly label: string;
  readonly result: WrkResult;
  readonly offeredPerSecond: number;
}

async function main(): Promise<void> {
  const out = join(REPOSITORY, '.local', 'bench', `overload-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const log = (line: string) => process.stderr.write(`overload: ${line}\n`);
  const stack = new TestStack(PORT_BASE, { LOG_LEVEL });
  try {
    log(`starting the stack (log level ${LOG_LEVEL})`);
    // The production deadline (the test stack's gateways wait 5 s).
    await stack.start(0);
    const gatewayEnv = Object.fromEntries(GATEWAY_SETTINGS.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name] as string]));
    await stack.startGateway(0, { WALLET_REPLY_TIMEOUT_MS: '3000', ...gatewayEnv });
    const fixtures = await makeFixtures(stack, join(out, 'fixtures.json'), PLAYERS);
    const players: WrkPlayer[] = (fixtures.players ?? []).map((p) => ({ user_id: p.user_id, token: p.token, game_id: p.game_id, currency: p.currency }));
    const before = await balances(stack, players);
    const gatewayPid = pidListeningAs('apps/gateway/src/main.js', PORT_BASE);
    const load = (label: string, connections: number, durationS: number, delayMs = 0) =>
      wrkLoad({ url: stack.gatewayUrl(0), operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY, players, connections, durationS, delayMs, workDirectory: out, label });

    const steps: Step[] = [];
    const sustainable = await load('sustainable', SUSTAINABLE_CONNECTIONS, SUSTAINABLE_S);
    steps.push({ label: 'sustainable', result: sustainable, offeredPerSecond: sustainable.requestsPerSecond });
    log(`sustainable: ${sustainable.requestsPerSecond} req/s ${JSON.stringify(sustainable.resultCodes)} p99 ${sustainable.latencyMs.p99} ms`);

    const overloadConnections = Math.ceil((OVERLOAD_FACTOR * sustainable.requestsPerSecond * (OVERLOAD_DELAY_MS + OVERLOAD_ANSWER_ALLOWANCE_MS)) / 1_000);
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(rssMiB(gatewayPid)), RSS_SAMPLE_MS);
    const sampling = sampleAnswers(stack, players, OVERLOAD_S * 1000);
    const overload = await load('overload', overloadConnections, OVERLOAD_S, OVERLOAD_DELAY_MS);
    const samples = await sampling;
    const firstOkAfterMs = await firstOkAfter(stack, players[0], Date.now());
    const after = await load('after', SUSTAINABLE_CONNECTIONS, AFTER_S);
    clearInterval(sampler);
    steps.push({ label: 'overload', result: overload, offeredPerSecond: overload.requestsPerSecond });
    steps.push({ label: 'after', result: after, offeredPerSecond: after.requestsPerSecond });
    log(`overload: ${overloadConnections} connections, ${overload.requestsPerSecond} req/s answered ${JSON.stringify(overload.resultCodes)} p99 ${overload.latencyMs.p99} ms`);
    log(`after: ${after.requestsPerSecond} req/s ${JSON.stringify(after.resultCodes)} p99 ${after.latencyMs.p99} ms`);

    // The recovery probe's BETs (0.01 each, OK or not) are counted by the row check below too.
    const sampled = { ok: samples.filter((x) => x.code === 'OK').length, unknown: samples.filter((x) => x.code !== 'OK' && x.code !== 'OP_50').length };
    const exactlyOnce = await checkExactlyOnce(stack, before, steps.map((step) => step.result), 1 + sampled.ok, sampled.unknown);
    const shedIds = samples.filter((x) => x.code === 'OP_50').map((x) => x.transactionId);
    const [{ applied: shedApplied }] = await stack.walletQuery<{ applied: number }>(`SELECT count(*)::int AS applied FROM game_transactions WHERE status = 'OK' AND transaction_id = ANY($1)`, [shedIds]);
    const sampleCodes: Record<string, number> = {};
    for (const x of samples) sampleCodes[x.code] = (sampleCodes[x.code] ?? 0) + 1;
    const answers = (result: WrkResult) => Object.values(result.resultCodes).reduce((a, b) => a + b, 0);
    const share = (result: WrkResult, code: string) => Math.round(((result.resultCodes[code] ?? 0) / Math.max(1, answers(result))) * 10_000) / 100;
    const summary = {
      at: new Date().toISOString(),
      gatewaySettings: gatewayEnv,
      logLevel: LOG_LEVEL,
      offeredFactor: Math.round((overload.requestsPerSecond / sustainable.requestsPerSecond) * 100) / 100,
      steps: steps.map(({ label, result }) => ({
        label,
        connections: result.connections,
        // A closed loop: every request sent is answered (or in flight at the end), so this is also the rate offered.
        answeredPerSecond: result.requestsPerSecond,
        codes: result.resultCodes,
        op47Percent: share(result, 'OP_47'),
        op50Percent: share(result, 'OP_50'),
        latencyMs: result.latencyMs,
        socketErrors: result.socketErrors,
      })),
      sampledDuringOverload: {
        answers: samples.length,
        codes: sampleCodes,
        op47Percent: Math.round(((sampleCodes['OP_47'] ?? 0) / Math.max(1, samples.length)) * 10_000) / 100,
        okLatencyMs: summarize(samples.filter((x) => x.code === 'OK').map((x) => x.ms)),
        shedWithOp50: shedIds.length,
        shedButApplied: shedApplied,
      },
      gatewayRssMiB: { max: Math.max(...rss), samples: rss.length },
      firstOkAfterOverloadMs: firstOkAfterMs,
      exactlyOnce,
    };
    writeFileSync(join(out, 'overload.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    log(`written to ${join(out, 'overload.json')}`);
    if (!exactlyOnce.holds || shedApplied !== 0) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

interface Sample {
  readonly transactionId: string;
  readonly code: string;
  readonly ms: number;
}

/** An open loop of BETs of 0.01, one every SAMPLE_INTERVAL_MS for `durationMs`, each answer kept with its code and time. */
async function sampleAnswers(stack: TestStack, players: readonly WrkPlayer[], durationMs: number): Promise<Sample[]> {
  const platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  const sent: Array<Promise<Sample>> = [];
  const endAt = Date.now() + durationMs;
  let index = 0;
  while (Date.now() < endAt) {
    const player = players[index++ % players.length];
    const seeded = { ...player, base_url: stack.gatewayUrl(0), operator_id: TEST_OPERATOR_ID, secret_key: TEST_SECRET_KEY, balance: '' };
    const transactionId = freshId();
    const startedAt = performance.now();
    sent.push(
      platform.changeBalance(seeded, 'BET', '0.01', { transactionId }).then(
        (answer) => ({ transactionId, code: answer.status === 'OK' ? 'OK' : (answer.errorCode ?? `HTTP_${answer.httpStatus}`), ms: performance.now() - startedAt }),
        () => ({ transactionId, code: 'TRANSPORT', ms: performance.now() - startedAt }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_INTERVAL_MS));
  }
  return Promise.all(sent);
}

/** Milliseconds from the end of the overload to the first OK of one BET sent again and again (a platform's retry loop). */
async function firstOkAfter(stack: TestStack, player: WrkPlayer, endedAt: number): Promise<number | null> {
  const platform = new GamePlatform(new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY));
  const seeded = { ...player, base_url: stack.gatewayUrl(0), operator_id: TEST_OPERATOR_ID, secret_key: TEST_SECRET_KEY, balance: '' };
  while (Date.now() - endedAt < FIRST_OK_WAIT_MAX_MS) {
    if ((await platform.changeBalance(seeded, 'BET', '0.01')).status === 'OK') return Date.now() - endedAt;
  }
  return null;
}

async function balances(stack: TestStack, players: readonly WrkPlayer[]): Promise<Map<string, bigint>> {
  const rows = await stack.walletQuery<{ userId: string; cents: string }>(
    `SELECT p.user_id AS "userId", (a.balance * 100)::bigint::text AS cents FROM players p JOIN accounts a ON a.player_id = p.id AND a.kind = 'player' WHERE p.user_id = ANY($1)`,
    [players.map((p) => p.user_id)],
  );
  return new Map(rows.map((row) => [row.userId, BigInt(row.cents)]));
}

/**
 * wrk's BETs are 0.01 each with ids no other request has. Applied rows must be at least the OKs
 * and at most the OKs plus the unknown answers: an applied OP_50 would break the upper bound only
 * if the unknown ones were few, so the margin is printed too.
 */
async function checkExactlyOnce(stack: TestStack, before: Map<string, bigint>, results: readonly WrkResult[], probeOk: number, probeUnknown: number) {
  const ok = results.reduce((sum, r) => sum + (r.resultCodes['OK'] ?? 0), 0) + probeOk;
  const unknown = probeUnknown + results.reduce((sum, r) => sum + r.requests - Object.values(r.resultCodes).reduce((a, b) => a + b, 0) + (r.resultCodes['OP_47'] ?? 0) + r.connections, 0);
  const shed = results.reduce((sum, r) => sum + (r.resultCodes['OP_50'] ?? 0), 0);
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const [{ rows }] = await stack.walletQuery<{ rows: number }>(
    `SELECT count(*)::int AS rows FROM game_transactions WHERE status = 'OK' AND type = 'BET' AND amount = 0.01 AND user_id = ANY($1)`,
    [[...before.keys()]],
  );
  const after = await stack.walletQuery<{ userId: string; cents: string }>(
    `SELECT p.user_id AS "userId", (a.balance * 100)::bigint::text AS cents FROM players p JOIN accounts a ON a.player_id = p.id AND a.kind = 'player' WHERE p.user_id = ANY($1)`,
    [[...before.keys()]],
  );
  let decrease = 0n;
  for (const row of after) decrease += (before.get(row.userId) ?? 0n) - BigInt(row.cents);
  const ledgerOk = (await stack.checkLedger()).ok;
  return {
    answeredOk: ok,
    answeredShedOp50: shed,
    answeredUnknown: unknown,
    appliedRows: rows,
    appliedBeyondOk: rows - ok,
    balanceDecreaseCents: decrease.toString(),
    ledgerOk,
    holds: ledgerOk && rows >= ok && rows <= ok + unknown && decrease === BigInt(rows),
  };
}

/** The pid of our own child process running `script` with HTTP_PORT=`port` (other helpers run gateways too). */
function pidListeningAs(script: string, port: number): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmdline.includes(script)) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`HTTP_PORT=${port}`)) return Number(entry);
    } catch {
      // not ours, or exited
    }
  }
  return null;
}

function rssMiB(pid: number | null): number {
  if (pid === null) return 0;
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`overload failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
