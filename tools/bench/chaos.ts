/**
 * Chaos in one command (docs/reliability.md): the simulator's mixed platform load while one fault
 * at a time is injected — SIGKILL of each service (restarted at once), a Kafka broker restart,
 * Redis FLUSHALL, a Redis restart, a PostgreSQL restart, an overload burst — and after each the
 * exactly-once proof, the ledger's invariants, the reports against the ledger and the time to
 * recover without a person (tools/bench/chaos/chaos-run.ts).
 *
 *   bash tools/bench/chaos.sh [fault ...]   (builds, then runs this; ~8 minutes for all faults)
 *
 * Ports: the stack on 18660-18663; its own PostgreSQL 18690, Redis 18691, Kafka 18692/18693
 * (private-infrastructure.ts), so the machine's shared servers are never restarted or flushed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { FAULTS, runChaos, type Fault } from './chaos/chaos-run';
import { PrivateInfrastructure } from './chaos/private-infrastructure';

export const CHAOS_PORTS = { stack: 18660, postgres: 18690, redis: 18691, kafka: 18692, kafkaController: 18693 } as const;

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(FAULTS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown fault(s) ${unknown.join(', ')}; known: ${FAULTS.join(', ')}`);
  const faults: readonly Fault[] = asked.length > 0 ? (asked as Fault[]) : FAULTS;
  const out = join(REPOSITORY, '.local', 'bench', `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const log = (line: string) => process.stderr.write(`chaos: ${line}\n`);
  const infrastructure = new PrivateInfrastructure(REPOSITORY, CHAOS_PORTS, log);
  log('starting the private PostgreSQL, Redis and Kafka');
  await infrastructure.start();
  try {
    const summary = await runChaos({
      portBase: CHAOS_PORTS.stack,
      infrastructure,
      faults,
      players: 60,
      simulatorPlayers: 40,
      loadRatePerSecond: 40,
      loadDurationS: 25,
      faultAtMs: 6_000,
      kafkaDownMs: 10_000,
      overload: { connections: 400, durationS: 10 },
      out,
      log,
    });
    writeFileSync(join(out, 'chaos.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    log(`written to ${join(out, 'chaos.json')}`);
    if (!summary.holds) process.exitCode = 1;
  } finally {
    await infrastructure.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
