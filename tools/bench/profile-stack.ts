/**
 * Profiles the gateway and the wallet under a wrk load: each runs with `--cpu-prof`, and the top
 * functions by self time are printed. A tool for finding where the CPU of a request goes.
 *
 *   npx tsc -b tsconfig.build.json && node -r ts-node/register/transpile-only -r tsconfig-paths/register tools/bench/profile-stack.ts [connections] [seconds]
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack } from '@wallet-platform/test-stack';
import { REPOSITORY } from '../../apps/simulator/src/testing/our-stack-fixtures';
import { wrkLoad } from './wrk-load';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

function topFunctions(file: string, count: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    total += us;
    const url = node.callFrame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, 'dist/');
    const name = `${node.callFrame.functionName || '(anonymous)'} ${url}:${node.callFrame.lineNumber}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

async function main(): Promise<void> {
  const connections = Number(process.argv[2] ?? 16);
  const seconds = Number(process.argv[3] ?? 15);
  const directory = join(REPOSITORY, '.local', 'profile', String(Date.now()));
  mkdirSync(directory, { recursive: true });
  // Production's log level unless PROFILE_LOG_LEVEL says otherwise (the test stack's debug writes a line per answer).
  const stack = new TestStack(18760, { LOG_LEVEL: process.env['PROFILE_LOG_LEVEL'] ?? 'info' });
  try {
    for (const name of ['wallet', 'gateway-0']) stack.nodeOptions.set(name, ['--cpu-prof', `--cpu-prof-dir=${join(directory, name)}`]);
    await stack.start(1);
    const players = [];
    for (let index = 0; index < 50; index++) players.push(await stack.seedPlayer({ balance: '100000.00' }));
    const result = await wrkLoad({
      url: stack.gatewayUrl(0),
      operatorId: TEST_OPERATOR_ID,
      secretKey: TEST_SECRET_KEY,
      players,
      connections,
      durationS: seconds,
      workDirectory: directory,
      label: 'profile',
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await stack.stop();
  }
  for (const name of ['gateway-0', 'wallet']) {
    for (const file of readdirSync(join(directory, name))) {
      process.stdout.write(`\n== ${name} (${file})\n${topFunctions(join(directory, name, file), 35).join('\n')}\n`);
    }
  }
}

void main();
