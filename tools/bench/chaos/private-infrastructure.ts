/**
 * A PostgreSQL cluster, a Redis server and a Kafka broker of the chaos run's own, on its ports, so
 * that restarting, flushing or killing them touches nobody else's tests (the machine's shared
 * servers on 5432, 6379 and 19092 are never stopped or flushed). Everything lives under
 * `<repo>/.local/chaos-<postgres port>` (one set of servers per port set, so two runs on different
 * ports never share a data directory) and is reused between runs (initdb and the Kafka format run once).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestInfrastructure } from '@wallet-platform/test-stack';

const run = promisify(execFile);

export interface PrivateInfrastructurePorts {
  readonly postgres: number;
  readonly redis: number;
  readonly kafka: number;
  readonly kafkaController: number;
}

/** Ours: a private broker needs far less than the shared one's 512m. */
const KAFKA_HEAP = '384m';
/** How long a restarted server may take to answer again before the run gives up. */
const READY_WAIT_MS = 90_000;

export class PrivateInfrastructure {
  private readonly postgresData: string;
  private readonly redisPidFile: string;

  constructor(
    private readonly repository: string,
    readonly ports: PrivateInfrastructurePorts,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.postgresData = join(this.directory, 'pg');
    this.redisPidFile = join(this.directory, 'redis.pid');
  }

  get directory(): string {
    return join(this.repository, '.local', `chaos-${this.ports.postgres}`);
  }

  get infrastructure(): TestInfrastructure {
    return {
      adminDatabaseUrl: `postgres://postgres@127.0.0.1:${this.ports.postgres}/postgres`,
      kafkaBrokers: `127.0.0.1:${this.ports.kafka}`,
      redisUrl: `redis://127.0.0.1:${this.ports.redis}`,
    };
  }

  async start(): Promise<void> {
    mkdirSync(this.directory, { recursive: true });
    await Promise.all([this.startPostgres(), this.startRedis(), this.startKafka()]);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.stopPostgres(), this.stopRedis(), this.stopKafka()]);
  }

  // --- PostgreSQL ----------------------------------------------------------

  private async postgresBin(name: string): Promise<string> {
    const root = '/usr/lib/postgresql';
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', name))).sort((a, b) => Number(b) - Number(a));
    if (versions.length === 0) throw new Error(`no ${name} under ${root}`);
    return join(root, versions[0], 'bin', name);
  }

  /** initdb and pg_ctl refuse to run as root: they run as the postgres user then. */
  private async asPostgres(binary: string, args: string[]): Promise<string> {
    const asRoot = process.getuid?.() === 0;
    const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', binary, ...args], { timeout: READY_WAIT_MS }) : await run(binary, args, { timeout: READY_WAIT_MS });
    return stdout;
  }

  private async startPostgres(): Promise<void> {
    if (!existsSync(join(this.postgresData, 'PG_VERSION'))) {
      mkdirSync(this.postgresData, { recursive: true });
      if (process.getuid?.() === 0) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        const { stdout: gid } = await run('id', ['-g', 'postgres']);
        chownSync(this.postgresData, Number(stdout.trim()), Number(gid.trim()));
      }
      await this.asPostgres(await this.postgresBin('initdb'), ['-D', this.postgresData, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    }
    if (await this.postgresRunning()) return;
    await this.pgCtl(['start', '-w', '-t', '60', '-l', join(this.postgresData, 'server.log')]);
    this.log(`postgres on ${this.ports.postgres}`);
  }

  private pgCtl(args: string[]): Promise<string> {
    const options = `-p ${this.ports.postgres} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off -c shared_buffers=64MB`;
    return this.postgresBin('pg_ctl').then((binary) => this.asPostgres(binary, ['-D', this.postgresData, '-o', options, ...args]));
  }

  private async postgresRunning(): Promise<boolean> {
    try {
      await this.asPostgres(await this.postgresBin('pg_ctl'), ['-D', this.postgresData, 'status']);
      return true;
    } catch {
      return false;
    }
  }

  /** A fast restart (connections cut, a clean checkpoint): what an operator's `systemctl restart` does. */
  async restartPostgres(): Promise<void> {
    await this.pgCtl(['restart', '-m', 'fast', '-w', '-t', '60', '-l', join(this.postgresData, 'server.log')]);
  }

  private async stopPostgres(): Promise<void> {
    if (await this.postgresRunning()) await this.pgCtl(['stop', '-m', 'fast', '-w']);
  }

  // --- Redis ---------------------------------------------------------------

  private async startRedis(): Promise<void> {
    if (await this.redisAnswers()) return;
    await run('redis-server', ['--port', String(this.ports.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--pidfile', this.redisPidFile, '--logfile', join(this.directory, 'redis.log')]);
    await this.waitFor('redis', () => this.redisAnswers());
  }

  private async redisAnswers(): Promise<boolean> {
    try {
      return (await run('redis-cli', ['-p', String(this.ports.redis), 'PING'], { timeout: 2_000 })).stdout.trim() === 'PONG';
    } catch {
      return false;
    }
  }

  async flushRedis(): Promise<void> {
    await run('redis-cli', ['-p', String(this.ports.redis), 'FLUSHALL']);
  }

  /** Everything in memory is gone (no persistence): the restart loses every key, as a crash would. */
  async restartRedis(): Promise<void> {
    await this.stopRedis();
    await this.startRedis();
  }

  private async stopRedis(): Promise<void> {
    if (!(await this.redisAnswers())) return;
    await run('redis-cli', ['-p', String(this.ports.redis), 'SHUTDOWN', 'NOSAVE']).catch(() => undefined);
    await this.waitFor('redis to stop', async () => !(await this.redisAnswers()));
  }

  // --- Kafka ---------------------------------------------------------------

  private kafkaScript(command: 'start' | 'stop' | 'status'): Promise<unknown> {
    return run('bash', [join(this.repository, 'tools', 'local-stack', 'kafka.sh'), command], {
      cwd: this.repository,
      timeout: 180_000,
      env: {
        ...process.env,
        LOCAL_STACK_DIR: this.directory,
        KAFKA_PORT: String(this.ports.kafka),
        KAFKA_CONTROLLER_PORT: String(this.ports.kafkaController),
        KAFKA_HEAP_MAX: KAFKA_HEAP,
        KAFKA_HEAP_MIN: '128m',
      },
    });
  }

  private async startKafka(): Promise<void> {
    await this.kafkaScript('start');
    this.log(`kafka on ${this.ports.kafka}`);
  }

  /** SIGTERM, wait for the exit, then start again: the broker's own clean restart. */
  async stopKafka(): Promise<void> {
    await this.kafkaScript('stop');
  }

  async startKafkaAgain(): Promise<void> {
    await this.startKafka();
  }

  private async waitFor(what: string, ready: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + READY_WAIT_MS;
    while (Date.now() < deadline) {
      if (await ready()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${what} not ready within ${READY_WAIT_MS} ms`);
  }
}
