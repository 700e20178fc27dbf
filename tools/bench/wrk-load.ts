/**
 * A closed-loop load of signed changebalance BETs by wrk (Debian's `wrk`), driven by
 * tools/bench/wrk/changebalance-bets.lua. The load generator is C with a few lines of Lua per
 * request, so on two shared cores it leaves the CPU to the stack it measures (the simulator, a
 * Node process that verifies every answer, costs the stack a core of its own at high rates).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const SCRIPT = join(__dirname, 'wrk', 'changebalance-bets.lua');
const WRK_THREADS = 2;
const WRK_REQUEST_TIMEOUT_S = 10;

export interface WrkPlayer {
  readonly user_id: string;
  readonly token: string;
  readonly game_id: string;
  readonly currency: string;
}

export interface WrkLoadOptions {
  readonly url: string;
  readonly operatorId: string;
  readonly secretKey: string;
  readonly players: readonly WrkPlayer[];
  readonly connections: number;
  readonly durationS: number;
  /** Pause before each request of a connection: about `connections * 1000 / delayMs` requests/s at most. */
  readonly delayMs?: number;
  readonly workDirectory: string;
  readonly label: string;
}

export interface WrkResult {
  readonly connections: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly resultCodes: Record<string, number>;
  readonly socketErrors: string;
  readonly latencyMs: { p50: number; p90: number; p99: number; p999: number; max: number };
}

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');
let runs = 0;

export async function wrkLoad(options: WrkLoadOptions): Promise<WrkResult> {
  const playersFile = join(options.workDirectory, `wrk-players.txt`);
  writeFileSync(playersFile, options.players.map((p) => `${p.user_id} ${p.token} ${p.game_id} ${p.currency}`).join('\n') + '\n');
  const resultFile = join(options.workDirectory, `wrk-${options.label}.txt`);
  const timestamp = new Date().toISOString().slice(0, 19).replace('T', ' ');
  // 12 digits unique to this run (no leading zero): the seconds since 2000 and a run counter.
  runs += 1;
  const idBase = `1${String(Math.floor(Date.now() / 1000) - 946_684_800).padStart(9, '0')}${String(runs % 100).padStart(2, '0')}`;
  await execFileAsync(
    'wrk',
    ['-t', String(WRK_THREADS), '-c', String(options.connections), '-d', `${options.durationS}s`, '--timeout', `${WRK_REQUEST_TIMEOUT_S}s`, '-s', SCRIPT, `${options.url}/changebalance`],
    {
      timeout: (options.durationS + 60) * 1000,
      env: {
        PATH: process.env['PATH'],
        WRK_PLAYERS_FILE: playersFile,
        WRK_OPERATOR_ID: options.operatorId,
        WRK_AUTHORIZATION: sha1(`changebalance${options.secretKey}`),
        WRK_TIMESTAMP: timestamp,
        WRK_HASH: sha1(`changebalance${timestamp}${options.secretKey}`),
        WRK_ID_BASE: idBase,
        WRK_DELAY_MS: String(options.delayMs ?? 0),
        WRK_RESULT_FILE: resultFile,
      },
    },
  );
  const lines = readFileSync(resultFile, 'utf8').trim().split('\n');
  const values = new Map<string, string>();
  const resultCodes: Record<string, number> = {};
  let socketErrors = '';
  for (const line of lines) {
    if (line.startsWith('errors_')) {
      socketErrors = line;
      continue;
    }
    const [key, value] = line.split(' ');
    if (/^(OK|OP_\d+|HTTP_\d+|UNKNOWN)$/.test(key)) resultCodes[key] = Number(value);
    else values.set(key, value);
  }
  const us = (key: string) => Math.round(Number(values.get(key)) / 10) / 100;
  const requests = Number(values.get('requests'));
  return {
    connections: options.connections,
    requests,
    requestsPerSecond: Math.round(requests / (Number(values.get('duration_us')) / 1e6)),
    resultCodes,
    socketErrors,
    latencyMs: { p50: us('latency_p50_us'), p90: us('latency_p90_us'), p99: us('latency_p99_us'), p999: us('latency_p99.9_us'), max: us('latency_max_us') },
  };
}
