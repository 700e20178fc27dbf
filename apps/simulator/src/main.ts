import { writeFileSync } from 'node:fs';
import { readFixturesFile, readPlayersFile, type TestPlayer } from './certify/certification-fixtures';
import { formatCertificationTable, runCertification } from './certify/certification-run';
import { CliArguments, UsageError } from './cli/cli-arguments';
import {
  LOAD_CONCURRENCY_MAX,
  LOAD_DURATION_MS_MAX,
  LOAD_IN_FLIGHT_MAX,
  LOAD_PLAYERS_MAX,
  LOAD_RATE_PER_SECOND_MAX,
  formatLoadSummary,
  runLoad,
  type LoadModel,
} from './load/load-run';
import { REQUEST_TIMEOUT_MS_DEFAULT } from './protocol/operator-client';

const USAGE = `Plays a game platform against an Operator API v2.49 endpoint.

  simulator certify --base-url URL --operator-id ID --secret KEY --fixtures FILE [--out FILE]
  simulator load    --base-url URL --operator-id ID --secret KEY (--players-file FILE | --fixtures FILE)
                    (--rate STEPS_PER_S | --concurrency N) [--duration-s 30] [--players-max N]
                    [--in-flight-max N] [--retry-fraction 0.05] [--win-fraction 0.45]
                    [--refund-fraction 0.05] [--cancel-fraction 0.02]
                    [--null-token-fraction 0.25] [--bet-min 0.10]
                    [--bet-max 2.00] [--seed N] [--out FILE] [--ledger-check-database-url URL]

  --secret may be left out and given as SIMULATOR_SECRET_KEY (keeps it out of the process list).
  Common: [--request-timeout-ms ${REQUEST_TIMEOUT_MS_DEFAULT}]. Exit codes: 0 passed, 1 failed, 2 usage.
  Docs: docs/simulator.md
`;

const COMMON_OPTIONS = ['base-url', 'operator-id', 'secret', 'out', 'request-timeout-ms'];
const REQUEST_TIMEOUT_MS_MAX = 120_000;

async function main(argv: readonly string[]): Promise<number> {
  const [mode, ...rest] = argv;
  if (mode === 'certify') return certify(CliArguments.parse(rest, [...COMMON_OPTIONS, 'fixtures']));
  if (mode === 'load') {
    return load(
      CliArguments.parse(rest, [
        ...COMMON_OPTIONS,
        'players-file',
        'fixtures',
        'rate',
        'concurrency',
        'duration-s',
        'players-max',
        'in-flight-max',
        'retry-fraction',
        'win-fraction',
        'refund-fraction',
        'cancel-fraction',
        'null-token-fraction',
        'bet-min',
        'bet-max',
        'seed',
        'ledger-check-database-url',
      ]),
    );
  }
  process.stdout.write(USAGE);
  return mode === undefined || mode === '--help' ? 0 : 2;
}

function endpointOf(args: CliArguments) {
  const baseUrl = args.required('base-url').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new UsageError('--base-url: an http:// or https:// URL up to the command, e.g. http://127.0.0.1:18080/operator-api/v2/demo-platform');
  return { baseUrl, operatorId: args.required('operator-id'), secretKey: args.required('secret', 'SIMULATOR_SECRET_KEY') };
}

async function certify(args: CliArguments): Promise<number> {
  const endpoint = endpointOf(args);
  const fixtures = readFixturesFile(args.required('fixtures'));
  const report = await runCertification(endpoint, fixtures, {
    requestTimeoutMs: args.integer('request-timeout-ms', REQUEST_TIMEOUT_MS_DEFAULT, 100, REQUEST_TIMEOUT_MS_MAX),
    onResult: (result) => process.stderr.write(`${result.passed ? 'pass' : 'FAIL'} ${result.name} (${result.durationMs} ms)\n`),
  });
  process.stdout.write(formatCertificationTable(report));
  const out = args.optional('out');
  if (out) writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  return report.failed.length === 0 ? 0 : 1;
}

async function load(args: CliArguments): Promise<number> {
  const endpoint = endpointOf(args);
  const source = args.optional('players-file') ?? args.optional('fixtures');
  if (!source) throw new UsageError('--players-file (or --fixtures with a "players" list) is required');
  const playersMax = args.integer('players-max', LOAD_PLAYERS_MAX, 1, LOAD_PLAYERS_MAX);
  const players: TestPlayer[] = readPlayersFile(source).slice(0, playersMax);
  if (players.length === 0) throw new UsageError(`${source}: no players`);
  if (args.has('rate') === args.has('concurrency')) throw new UsageError('give exactly one of --rate (open model) and --concurrency (closed model)');
  const model: LoadModel = args.has('rate')
    ? { kind: 'open', ratePerSecond: args.integer('rate', 0, 1, LOAD_RATE_PER_SECOND_MAX) }
    : { kind: 'closed', concurrency: args.integer('concurrency', 0, 1, LOAD_CONCURRENCY_MAX) };
  const betMinMinor = minorOf(args.optional('bet-min') ?? '0.10', 'bet-min');
  const betMaxMinor = minorOf(args.optional('bet-max') ?? '2.00', 'bet-max');
  if (betMinMinor < 2n || betMaxMinor < betMinMinor) throw new UsageError('--bet-min must be at least 0.02 (a win pays at least half the stake) and at most --bet-max');
  const winPerMille = args.perMille('win-fraction', 450);
  const refundPerMille = args.perMille('refund-fraction', 50);
  const cancelPerMille = args.perMille('cancel-fraction', 20);
  if (winPerMille + refundPerMille + cancelPerMille > 1000) throw new UsageError('--win-fraction + --refund-fraction + --cancel-fraction must not exceed 1');
  const report = await runLoad({
    endpoint,
    players,
    model,
    durationMs: args.integer('duration-s', 30, 1, LOAD_DURATION_MS_MAX / 1000) * 1000,
    inFlightMax: args.integer('in-flight-max', Math.min(LOAD_IN_FLIGHT_MAX, players.length), 1, LOAD_IN_FLIGHT_MAX),
    mix: {
      betMinMinor,
      betMaxMinor,
      winPerMille,
      refundPerMille,
      cancelPerMille,
      nullTokenPerMille: args.perMille('null-token-fraction', 250),
      retryPerMille: args.perMille('retry-fraction', 50),
      retriesMax: 3,
    },
    seed: args.integer('seed', Date.now() % 2 ** 31, 0, 2 ** 31 - 1),
    requestTimeoutMs: args.integer('request-timeout-ms', REQUEST_TIMEOUT_MS_DEFAULT, 100, REQUEST_TIMEOUT_MS_MAX),
    ledgerCheckDatabaseUrl: args.optional('ledger-check-database-url'),
    onProgress: (line) => process.stderr.write(line + '\n'),
  });
  process.stdout.write(formatLoadSummary(report));
  const out = args.optional('out');
  if (out) writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  return report.exactlyOnce ? 0 : 1;
}

/** A DECIMAL(18,2) option as minor units, without a JS number in between. */
function minorOf(text: string, name: string): bigint {
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new UsageError(`--${name}: an amount such as 0.10 (at most 2 decimals)`);
  return BigInt(match[1]) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n${error instanceof UsageError ? `\n${USAGE}` : ''}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
