import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { PlatformRegistryDocument } from '@wallet-platform/platform-registry';

/**
 * Runs the compiled services as real processes against the real PostgreSQL, Redis and Kafka, in
 * an environment of their own: a fresh database, topics and consumer groups under a unique
 * environment name, and the project's test ports (18180+), so a developer's `npm start` stack on
 * the same machine is never touched. Build first (`npx tsc -b tsconfig.build.json`).
 */
const repo = join(__dirname, '..', '..', '..');
const execFileAsync = promisify(execFile);

export const TEST_PLATFORM_ID = 'e2e-platform';
export const TEST_OPERATOR_ID = 'e2ecasino';
export const TEST_SECRET_KEY = 'e2e-secret-key-0123456789';
/** Back-office API keys of the test stack (the wallet is configured with their sha256 only). */
export const TEST_ADMIN_API_KEY = 'e2e-admin-key-000000000000000000';
export const TEST_SUPPORT_API_KEY = 'e2e-support-key-0000000000000000';
/** Where the test stack's platform launches games (the URL is only built, never opened). */
export const TEST_GAME_LAUNCH_BASE_URL = 'https://launch.e2e-platform.test/';
const ADMIN_DATABASE_URL = process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const KAFKA_BROKERS = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const READY_TIMEOUT_MS = 60_000;
/** k8s/base's terminationGracePeriodSeconds. */
const STOP_GRACE_MS = 30_000;

export interface SeededPlayer {
  readonly base_url: string;
  readonly operator_id: string;
  readonly secret_key: string;
  readonly token: string;
  readonly user_id: string;
  readonly currency: string;
  readonly game_id: string;
  readonly balance: string;
}

/**
 * Where the stack's PostgreSQL, Redis and Kafka are. By default the machine's shared servers; a
 * chaos run that restarts or flushes them gives its own private ones (tools/bench/chaos).
 */
export interface TestInfrastructure {
  /** A superuser URL of the PostgreSQL server the stack's databases are created on. */
  readonly adminDatabaseUrl: string;
  readonly kafkaBrokers: string;
  readonly redisUrl: string;
}

export const SHARED_INFRASTRUCTURE: TestInfrastructure = { adminDatabaseUrl: ADMIN_DATABASE_URL, kafkaBrokers: KAFKA_BROKERS, redisUrl: REDIS_URL };

interface RunningService {
  readonly name: string;
  readonly port: number;
  readonly process: ChildProcess;
}

export class TestStack {
  private readonly services = new Map<string, RunningService>();
  readonly environmentName = `e2e${randomBytes(4).toString('hex')}`;
  readonly databaseUrls: Record<'wallet' | 'promotions' | 'reporting', string>;
  private readonly logDir: string;

  constructor(
    private readonly portBase = 18180,
    /** Environment every service of this stack gets on top of its own (e.g. an exporter's settings). */
    private readonly serviceEnv: Readonly<Record<string, string>> = {},
    readonly infrastructure: TestInfrastructure = SHARED_INFRASTRUCTURE,
  ) {
    const db = (service: string) => {
      const url = new URL(infrastructure.adminDatabaseUrl);
      url.pathname = `/${service}_${this.environmentName}`;
      return url.toString();
    };
    this.databaseUrls = { wallet: db('wallet'), promotions: db('promotions'), reporting: db('reporting') };
    this.logDir = join(repo, '.local', 'e2e', this.environmentName);
    mkdirSync(this.logDir, { recursive: true });
  }

  /** The log lines a service wrote so far (one JSON object per line). */
  logOf(name: string): string {
    return readFileSync(join(this.logDir, `${name}.log`), 'utf8');
  }

  gatewayUrl(instance = 0): string {
    return `http://127.0.0.1:${this.portBase + 10 * instance}/operator-api/v2/${TEST_PLATFORM_ID}`;
  }

  /** Fresh databases, migrations, then wallet, promotions, reporting and `gatewayInstances` gateways. */
  async start(gatewayInstances = 1): Promise<void> {
    // Each step's parts at once: a stack's start is most of a short suite's time (the services
    // are independent processes; each waits for its own readiness, Kafka's group joins included).
    await Promise.all(Object.values(this.databaseUrls).map((url) => recreateDatabase(this.infrastructure.adminDatabaseUrl, url)));
    await Promise.all([
      this.node('apps/wallet/src/migrate.js', { DATABASE_URL: this.databaseUrls.wallet }),
      this.node('apps/promotions/src/migrate.js', { DATABASE_URL: this.databaseUrls.promotions }),
    ]);
    await Promise.all([
      this.startWallet(this.walletEnv),
      this.startPromotions(),
      this.startService('reporting', this.portBase + 3, { DATABASE_URL: this.databaseUrls.reporting, ...this.reportingEnv }),
      ...Array.from({ length: gatewayInstances }, (_, instance) => this.startGateway(instance)),
    ]);
  }

  /** What start() gives the wallet and the reporting service besides their defaults (e.g. an aggregator, reconciled platforms). */
  walletEnv: Record<string, string> = {};
  reportingEnv: Record<string, string> = {};
  /** What the promotions service is started with besides its database, by start() and startPromotions(). */
  promotionsEnv: Record<string, string> = {};

  /**
   * Platforms of the registry besides the test platform (a Choice Gaming platform, a platform to
   * reconcile): add them before the services start. Every service gets the same registry.
   */
  readonly extraPlatforms: Array<PlatformRegistryDocument['platforms'][number]> = [];

  /**
   * The one PLATFORM_REGISTRY every service of the stack is started with: the test platform (its
   * API at `platformApiBaseUrl`, not reconciled unless `reconcileTestPlatform`) and `extraPlatforms`.
   */
  platformRegistry(): PlatformRegistryDocument {
    return {
      platforms: [
        {
          platformId: TEST_PLATFORM_ID,
          protocol: 'operator-api',
          operators: [{ operatorId: TEST_OPERATOR_ID, secretKey: TEST_SECRET_KEY }],
          api: { baseUrl: this.platformApiBaseUrl, gameLaunchBaseUrl: TEST_GAME_LAUNCH_BASE_URL, reconcile: this.reconcileTestPlatform },
        },
        ...this.extraPlatforms,
      ],
    };
  }

  /** Whether the reporting service reconciles the test platform (its API is usually not there). */
  reconcileTestPlatform = false;

  /** The promotions service on its current database (e.g. after killService('promotions')). */
  async startPromotions(env: Record<string, string> = {}): Promise<void> {
    await this.startService('promotions', this.portBase + 2, { DATABASE_URL: this.databaseUrls.promotions, ...this.promotionsEnv, ...env });
  }

  /** The promotions service's HTTP base URL. */
  promotionsUrl(): string {
    return `http://127.0.0.1:${this.portBase + 2}`;
  }

  /** A query on the promotions service's database, for assertions on what it stored. */
  async promotionsQuery<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrls.promotions });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** The gateway's Choice Gaming base URL for a platform (`/choice-gaming/v1/<platform>`). */
  choiceGamingUrl(platformId: string, instance = 0): string {
    return `http://127.0.0.1:${this.portBase + 10 * instance}/choice-gaming/v1/${platformId}`;
  }

  /** The reporting service alone, on a fresh database (it applies its own migrations at start). */
  async startReportingAlone(env: Record<string, string> = {}): Promise<void> {
    await recreateDatabase(this.infrastructure.adminDatabaseUrl, this.databaseUrls.reporting);
    await this.startReporting(env);
  }

  /** The reporting service on its current database (e.g. after killService('reporting')). */
  async startReporting(env: Record<string, string> = {}): Promise<void> {
    await this.startService('reporting', this.portBase + 3, { DATABASE_URL: this.databaseUrls.reporting, ...env });
  }

  /** The reporting service's HTTP base URL. */
  reportingUrl(): string {
    return `http://127.0.0.1:${this.portBase + 3}`;
  }

  /** A query on the reporting service's database, for assertions on what it stored. */
  async reportingQuery<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrls.reporting });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** Platform API base URL the wallet calls (catalog sync); tests may point it at a fake platform. */
  platformApiBaseUrl = 'http://127.0.0.1:9/unused';

  async startWallet(env: Record<string, string> = {}): Promise<void> {
    const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
    await this.startService('wallet', this.portBase + 1, {
      DATABASE_URL: this.databaseUrls.wallet,
      BACK_OFFICE_API_KEYS: JSON.stringify([
        { name: 'e2e-admin', role: 'admin', sha256: sha256(TEST_ADMIN_API_KEY) },
        { name: 'e2e-support', role: 'support', sha256: sha256(TEST_SUPPORT_API_KEY) },
      ]),
      ...env,
    });
  }

  /**
   * Another wallet instance (`wallet-<index>`, index ≥ 1) in the same consumer group: the command
   * partitions are shared between the instances. Same configuration as the first.
   */
  async startWalletInstance(index: number): Promise<void> {
    if (!Number.isInteger(index) || index < 1 || index > 4) throw new RangeError(`wallet instance index 1..4, got ${index}`);
    await this.startService(`wallet-${index}`, this.portBase + 4 + index, { DATABASE_URL: this.databaseUrls.wallet });
  }

  /** The wallet's back-office base URL. */
  backOfficeUrl(): string {
    return `http://127.0.0.1:${this.portBase + 1}/back-office/v1`;
  }

  async startGateway(instance: number, env: Record<string, string> = {}): Promise<void> {
    await this.startService(`gateway-${instance}`, this.portBase + 10 * instance, {
      WALLET_REPLY_TIMEOUT_MS: '5000',
      ...env,
    });
  }

  /** The wallet's ledger invariant check command, as its JSON report. */
  async checkLedger(): Promise<{ ok: boolean; playerAccountsChecked: number; transactionsChecked: number; violations: unknown }> {
    try {
      return JSON.parse(await this.node('apps/wallet/src/ledger/check-ledger.js', { DATABASE_URL: this.databaseUrls.wallet }));
    } catch (error) {
      // Exit code 1 means "violations found": the report is still on stdout.
      const stdout = (error as { stdout?: string }).stdout;
      if (stdout) return JSON.parse(stdout);
      throw error;
    }
  }

  /** A query on the wallet's database, for assertions on what was stored. */
  async walletQuery<T>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrls.wallet });
    await client.connect();
    try {
      return (await client.query(sql, parameters)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * SIGTERM and wait for the exit. After a graceful shutdown Nest re-raises the signal, so a clean
   * stop ends by SIGTERM with no exit code; a crash during shutdown would end with a code.
   */
  async stopService(name: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    this.services.delete(name);
    if (service.process.exitCode !== null) return { code: service.process.exitCode, signal: null };
    service.process.kill('SIGTERM');
    // As Kubernetes does after terminationGracePeriodSeconds: a service that has not stopped by
    // then is killed, and the test fails naming it (a hung shutdown is a defect, not a slow test).
    const killer = setTimeout(() => service.process.kill('SIGKILL'), STOP_GRACE_MS);
    const [code, signal] = (await once(service.process, 'exit')) as [number | null, NodeJS.Signals | null];
    clearTimeout(killer);
    if (signal === 'SIGKILL') throw new Error(`${name} did not stop within ${STOP_GRACE_MS} ms of SIGTERM; see ${this.logDir}/${name}.log`);
    return { code, signal };
  }

  /** The services started here whose process has ended without being stopped or killed by this stack (a crash). */
  exitedServices(): string[] {
    return [...this.services.values()].filter((service) => service.process.exitCode !== null || service.process.signalCode !== null).map((service) => service.name);
  }

  /** SIGKILL: the process dies wherever it is, as in a node failure or an OOM kill. */
  async killService(name: string): Promise<void> {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not running`);
    this.services.delete(name);
    if (service.process.exitCode !== null) return;
    service.process.kill('SIGKILL');
    await once(service.process, 'exit');
  }

  async stop(): Promise<void> {
    const names = [...this.services.keys()];
    // Gateways first so nothing new reaches the wallet while it drains.
    const stopped = [
      ...(await Promise.allSettled(names.filter((n) => n.startsWith('gateway')).map((n) => this.stopService(n)))),
      ...(await Promise.allSettled(names.filter((n) => !n.startsWith('gateway')).map((n) => this.stopService(n)))),
    ];
    for (const url of Object.values(this.databaseUrls)) await dropDatabase(this.infrastructure.adminDatabaseUrl, url);
    await deleteTopicsOf(this.infrastructure.kafkaBrokers, this.environmentName);
    // Cleaned up either way; a service that had to be killed still fails the suite.
    const failed = stopped.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** The project's seed command: a funded player with a fresh token, as the JSON line it prints. */
  async seedPlayer(
    options: { balance?: string; currency?: string; user?: string; game?: string; blocked?: boolean; dailyWagerLimit?: string; dailyLossLimit?: string; disabledGame?: string } = {},
  ): Promise<SeededPlayer> {
    const args = ['--operator=' + TEST_OPERATOR_ID, `--balance=${options.balance ?? '1000.00'}`, `--currency=${options.currency ?? 'EUR'}`];
    if (options.user) args.push(`--user=${options.user}`);
    if (options.game) args.push(`--game=${options.game}`);
    if (options.blocked) args.push('--status=blocked');
    if (options.dailyWagerLimit) args.push(`--daily-wager-limit=${options.dailyWagerLimit}`);
    if (options.dailyLossLimit) args.push(`--daily-loss-limit=${options.dailyLossLimit}`);
    if (options.disabledGame) args.push(`--disabled-game=${options.disabledGame}`);
    const output = await this.node('apps/wallet/src/seed/seed-player.js', {
      DATABASE_URL: this.databaseUrls.wallet,
      SEED_BASE_URL: this.gatewayUrl(0),
      SEED_PLATFORM_ID: TEST_PLATFORM_ID,
      SEED_OPERATOR_ID: TEST_OPERATOR_ID,
      SEED_SECRET_KEY: TEST_SECRET_KEY,
    }, args);
    return JSON.parse(output) as SeededPlayer;
  }

  private baseEnv(): NodeJS.ProcessEnv {
    return {
      PATH: process.env['PATH'],
      ENVIRONMENT_NAME: this.environmentName,
      KAFKA_BROKERS: this.infrastructure.kafkaBrokers,
      REDIS_URL: this.infrastructure.redisUrl,
      LOG_LEVEL: 'debug',
      SHUTDOWN_DRAIN_TIMEOUT_MS: '5000',
    };
  }

  private async node(script: string, env: Record<string, string>, args: string[] = []): Promise<string> {
    const { stdout } = await execFileAsync(process.execPath, ['-r', './tools/dev/register-paths.js', join('dist', script), ...args], {
      cwd: repo,
      env: { ...this.baseEnv(), ...env },
      timeout: 60_000,
    });
    return stdout;
  }

  /** Extra Node.js options per service name (e.g. `--cpu-prof` for a profile), given before the script. */
  readonly nodeOptions = new Map<string, string[]>();

  private async startService(name: string, port: number, env: Record<string, string>): Promise<void> {
    const app = name.replace(/-\d+$/, '');
    const instanceId = `${name}-${this.environmentName}`;
    const log = createWriteStream(join(this.logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', ...(this.nodeOptions.get(name) ?? []), '-r', './tools/dev/register-paths.js', `dist/apps/${app}/src/main.js`], {
      cwd: repo,
      env: { ...this.baseEnv(), PLATFORM_REGISTRY: JSON.stringify(this.platformRegistry()), ...this.serviceEnv, ...env, HTTP_PORT: String(port), INSTANCE_ID: instanceId },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    this.services.set(name, { name, port, process: child });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; see ${this.logDir}/${name}.log`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
        // Ours, not another process that holds the port: our own may have died on EADDRINUSE.
        const body = (await response.json()) as { instance?: string };
        if (body.instance !== instanceId) {
          throw new Error(`port ${port} is answered by ${String(body.instance)}, not ${name} (${instanceId}): choose another port base`);
        }
        if (response.status === 200) return;
      } catch (error) {
        if (error instanceof Error && error.message.startsWith(`port ${port} is answered by`)) throw error;
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${name} not ready within ${READY_TIMEOUT_MS} ms; see ${this.logDir}/${name}.log`);
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseName(url: string): string {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name ${name}`);
  return name;
}

async function recreateDatabase(adminUrl: string, url: string): Promise<void> {
  const name = databaseName(url);
  await withAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}

async function dropDatabase(adminUrl: string, url: string): Promise<void> {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName(url)} WITH (FORCE)`));
}

/**
 * Deletes the stack's own topics (`<environment>.…`). Every stack makes about a hundred
 * partitions; a broker that keeps them all through a full suite runs out of file descriptors
 * (seen: "Too many open files" after about 20,000 partition folders, the broker shut down).
 * Best effort: a broker that is away has nothing to keep.
 */
async function deleteTopicsOf(brokers: string, environmentName: string): Promise<void> {
  const admin = new Kafka({ clientId: `test-stack-cleanup-${environmentName}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 2 } }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${environmentName}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } catch {
    // best effort
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
