import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The processes a kill test starts beside itself (the compiled transfer resolver, a load script of
 * its own), all with the environment they share; their output is kept for a failure's message, and
 * `killAll` leaves none behind.
 */
export class WalletTestProcesses {
  output = '';
  private readonly children: ChildProcess[] = [];

  constructor(private readonly sharedEnv: () => Record<string, string>) {}

  start(args: readonly string[], env: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [...args], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', ...this.sharedEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.children.push(child);
    return child;
  }

  /** The compiled resolver (`npx tsc -b tsconfig.build.json` first), as support runs it. */
  startResolver(env: Record<string, string>): ChildProcess {
    return this.start(['-r', './tools/dev/register-paths.js', 'dist/apps/wallet/src/transfers/resolve-transfers.js'], env);
  }

  /** A test-support script from source (test support is not compiled), through ts-node. */
  startFromSource(script: string, env: Record<string, string>): ChildProcess {
    return this.start(['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', script], { TS_NODE_TRANSPILE_ONLY: '1', TS_NODE_PROJECT: 'tsconfig.json', ...env });
  }

  async killAll(): Promise<void> {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
  }
}
