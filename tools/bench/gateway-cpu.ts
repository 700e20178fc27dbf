/**
 * The gateway's and the wallet's CPU per request on the real stack, under the same wrk load of
 * signed BETs: for comparing two builds of the gateway (run it in each checkout, alternating).
 * CPU is each process's user + system time from /proc over the measured window, divided by the
 * requests wrk counted; wall-clock rates are printed but are not the measure.
 *
 *   npx tsc -b tsconfig.build.json && node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/gateway-cpu.ts [connections] [seconds] [port base]
 */
import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, type SeededPlayer } from '@wallet-platform/test-stack';
import { REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad } from './wrk-load';

const CLOCK_TICKS_PER_SECOND = 100;
const WARM_UP_S = 5;

/** CPU ticks of our child processes by service (gateway, wallet), from /proc. */
function serviceTicks(): Record<'gateway' | 'wallet', number> {
  const ticks = { gateway: 0, wallet: 0 };
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const service = /dist\/apps\/(gateway|wallet)\/src\/main\.js/.exec(cmdline)?.[1] as 'gateway' | 'wallet' | undefined;
      if (service) ticks[service] += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

async function main(): Promise<void> {
  const connections = Number(process.argv[2] ?? 16);
  const seconds = Number(process.argv[3] ?? 15);
  const stack = new TestStack(Number(process.argv[4] ?? 18765));
  const directory = join(REPOSITORY, '.local', 'gateway-cpu', String(Date.now()));
  mkdirSync(directory, { recursive: true });
  try {
    await stack.start(1);
    const players: SeededPlayer[] = [];
    for (let index = 0; index < 50; index++) players.push(await stack.seedPlayer({ balance: '100000.00' }));
    const load = (durationS: number, label: string) =>
      wrkLoad({ url: stack.gatewayUrl(0), operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY, players, connections, durationS, workDirectory: directory, label });
    await load(WARM_UP_S, 'warm-up');
    const before = serviceTicks();
    const result = await load(seconds, 'measured');
    process.stdout.write(`answers: ${JSON.stringify(result.resultCodes)}\n`);
    const after = serviceTicks();
    const perRequest = (service: 'gateway' | 'wallet') => (((after[service] - before[service]) * 1000) / CLOCK_TICKS_PER_SECOND / result.requests).toFixed(3);
    process.stdout.write(
      `${JSON.stringify({ requests: result.requests, requestsPerSecond: result.requestsPerSecond, gatewayCpuMsPerRequest: perRequest('gateway'), walletCpuMsPerRequest: perRequest('wallet') })}\n`,
    );
  } finally {
    await stack.stop();
  }
}

void main();
