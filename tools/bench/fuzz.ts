/**
 * The network fuzzer in one command (docs/reliability.md): the real stack on ports 18646-18649,
 * then N malformed requests (100,000 by default) across every endpoint, then the verdict: 0
 * crashes, 0 answers out of protocol, 0 ledger changes (tools/bench/fuzz/network-fuzz.ts).
 *
 *   bash tools/bench/fuzz.sh [requests] [seed]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { fuzzPorts, startFuzzStack } from './fuzz/fuzz-stack';
import { runNetworkFuzz } from './fuzz/network-fuzz';

const PORT_BASE = 18646;
const CONCURRENCY = 32;

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 20261202);
  if (!Number.isInteger(requests) || requests < 1) throw new Error(`requests must be a positive integer, got ${process.argv[2]}`);
  const out = join(REPOSITORY, '.local', 'bench', `fuzz-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  mkdirSync(out, { recursive: true });
  const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
  log('starting the stack');
  const { stack, players } = await startFuzzStack(PORT_BASE, 8);
  try {
    const summary = await runNetworkFuzz({ stack, ports: fuzzPorts(PORT_BASE), players, requests, concurrency: CONCURRENCY, seed, log });
    writeFileSync(join(out, 'fuzz.json'), JSON.stringify(summary, null, 2));
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    log(`written to ${join(out, 'fuzz.json')}`);
    if (!summary.holds) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
