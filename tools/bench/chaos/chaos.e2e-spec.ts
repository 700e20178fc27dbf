import { join } from 'node:path';
import { REPOSITORY } from '../../../apps/simulator/src/testing/our-stack-fixtures';
import { runChaos, type ChaosSummary, type Fault } from './chaos-run';
import { PrivateInfrastructure } from './private-infrastructure';

/** The stack on 18670-18673, its own PostgreSQL, Redis and Kafka on 18680-18683 (never the shared ones). */
const PORTS = { stack: 18670, postgres: 18680, redis: 18681, kafka: 18682, kafkaController: 18683 } as const;
/** The faults the shorter run injects: the ones no other e2e test covers (wallet kill and Redis flush have their own). */
const FAULTS: readonly Fault[] = ['kafka-restart', 'postgres-restart', 'redis-restart'];
/**
 * The bound on the first OK after the broker is back. Usually 0.1-2.2 s; but in one full-suite run
 * of 2026-12-02 it was 9.97 s: when the wallet's command consumer is not replaced in time, its
 * rejoin waits for the old member's 10 s session (kafkajs has no static membership). So the bound
 * sits above that wait, and far below the 35 s once seen after a 23 s outage: it catches the
 * recovery getting lost, not the last seconds of it (docs/reliability.md, finding 7).
 */
const KAFKA_RECOVERY_MS_MAX = 15_000;

/**
 * The chaos run, shorter (tools/bench/chaos.sh runs every fault): the simulator's mixed load with
 * identical retries, 20 steps a second for 12 s, while the Kafka broker is down for 3 s and
 * restarted, then PostgreSQL is restarted, then Redis (losing every key). After each: exactly once
 * over every player the simulator drove, the ledger's invariants, the reports against the ledger,
 * and the stack serving again by itself.
 */
describe('chaos: faults of Kafka, PostgreSQL and Redis under the simulator load', () => {
  const infrastructure = new PrivateInfrastructure(REPOSITORY, PORTS, (line) => process.stdout.write(`chaos: ${line}\n`));
  let summary: ChaosSummary;

  beforeAll(async () => {
    await infrastructure.start();
    summary = await runChaos({
      portBase: PORTS.stack,
      infrastructure,
      faults: FAULTS,
      players: 12,
      simulatorPlayers: 12,
      loadRatePerSecond: 20,
      loadDurationS: 12,
      faultAtMs: 3_000,
      kafkaDownMs: 3_000,
      overload: { connections: 0, durationS: 0 },
      out: join(REPOSITORY, '.local', 'bench', `chaos-e2e-${Date.now()}`),
      log: (line) => process.stdout.write(`chaos: ${line}\n`),
    });
    process.stdout.write(`${JSON.stringify(summary.results.map(({ fault, recoveryMs, outageToOkMs, platformsSaw }) => ({ fault, recoveryMs, outageToOkMs, platformsSaw })))}\n`);
  }, 300_000);

  afterAll(async () => {
    await infrastructure.stop();
  }, 120_000);

  it.each(FAULTS)('%s: nothing lost, doubled or forged; the ledger holds; the reports equal the ledger; serving again without a person', (fault) => {
    const result = summary.results.find((r) => r.fault === fault);
    expect(result).toBeDefined();
    expect(result).toMatchObject({ balanceDifferences: 0, anomalies: 0, exactlyOnce: true, ledgerOk: true, reportsMatchLedger: true });
    // The proof counted enough players to mean something (it fails itself below 80 %).
    expect(result?.playersChecked).toBeGreaterThanOrEqual(Math.ceil(0.8 * (result?.playersOpened ?? 0)));
    expect(result?.playersOpened).toBeGreaterThan(0);
    // The load ran (about 240 requests are planned; on a loaded machine exactly 100 were once sent,
    // the simulator waiting on answers during the fault): a floor that says it ran, not how fast.
    expect(result?.sent.requests).toBeGreaterThanOrEqual(50);
    expect(result?.recoveryMs).not.toBeNull();
    // In every state the platforms got protocol answers: no HTTP error, no unsigned or malformed body
    // (a failed produce call used to escape as an unsigned 500).
    expect(Object.keys(result?.platformsSaw ?? {}).filter((code) => code.startsWith('HTTP_') || code === 'MALFORMED')).toEqual([]);
  });

  it(`kafka-restart: the first OK comes within ${KAFKA_RECOVERY_MS_MAX} ms of the broker answering again`, () => {
    const result = summary.results.find((r) => r.fault === 'kafka-restart');
    process.stdout.write(`kafka-restart: first OK ${String(result?.recoveryMs)} ms after the broker was back, ${String(result?.outageToOkMs)} ms after it was stopped\n`);
    expect(result?.recoveryMs).toBeLessThan(KAFKA_RECOVERY_MS_MAX);
  });
});
