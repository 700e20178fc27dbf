import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import { GamePlatform, PlatformClient, sha1, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, utcTimestamp, type SeededPlayer } from '@wallet-platform/test-stack';

/**
 * The services' /metrics scraped by a real Prometheus (Debian's `prometheus`), with the project's
 * alert rules loaded: signed traffic goes in, and the series it must produce are read back from
 * Prometheus' HTTP API, counted exactly. Every query of the Grafana dashboard is run too.
 */
const PORT_BASE = 18550;
const PROMETHEUS_PORT = 19190;
const PROMETHEUS_URL = `http://127.0.0.1:${PROMETHEUS_PORT}`;
const SCRAPE_INTERVAL = '1s';
const WAIT_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 250;
const repo = join(__dirname, '..', '..', '..');
const SERVICES = ['gateway', 'wallet', 'promotions', 'reporting'] as const;

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(expression: string): Promise<Sample[]> {
  const response = await fetch(`${PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(expression)}`);
  const body = (await response.json()) as { status: string; error?: string; data?: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`${expression}: ${body.error}`);
  return body.data!.result;
}

/** Polls until `expression` returns at least one sample satisfying `accept`, or the deadline passes. */
async function queryUntil(expression: string, accept: (samples: Sample[]) => boolean = (samples) => samples.length > 0): Promise<Sample[]> {
  const deadline = Date.now() + WAIT_TIMEOUT_MS;
  let samples: Sample[] = [];
  while (Date.now() < deadline) {
    samples = await query(expression).catch(() => []);
    if (accept(samples)) return samples;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return samples;
}

const valueOf = (samples: Sample[]): string | undefined => samples[0]?.value[1];

describe('metrics scraped by a real Prometheus', () => {
  const stack = new TestStack(PORT_BASE);
  const prometheusDirectory = mkdtempSync(join(tmpdir(), 'prometheus-e2e-'));
  let prometheus: ChildProcess | undefined;
  let platform: PlatformClient;
  let player: SeededPlayer;

  const ports: Record<(typeof SERVICES)[number], number> = { gateway: PORT_BASE, wallet: PORT_BASE + 1, promotions: PORT_BASE + 2, reporting: PORT_BASE + 3 };

  beforeAll(async () => {
    await stack.start(1);
    platform = new PlatformClient(stack.gatewayUrl(0), TEST_OPERATOR_ID, TEST_SECRET_KEY);
    player = await stack.seedPlayer({ balance: '100.00' });
    const scrapeConfigs = SERVICES.map((service) => `  - job_name: ${service}\n    static_configs: [{ targets: ['127.0.0.1:${ports[service]}'] }]`).join('\n');
    writeFileSync(
      join(prometheusDirectory, 'prometheus.yml'),
      `global:\n  scrape_interval: ${SCRAPE_INTERVAL}\n  evaluation_interval: ${SCRAPE_INTERVAL}\nrule_files:\n  - ${join(repo, 'monitoring', 'prometheus', 'alert-rules.yaml')}\nscrape_configs:\n${scrapeConfigs}\n`,
    );
    prometheus = spawn(
      'prometheus',
      [
        `--config.file=${join(prometheusDirectory, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(prometheusDirectory, 'data')}`,
        `--web.listen-address=127.0.0.1:${PROMETHEUS_PORT}`,
      ],
      { stdio: 'ignore' },
    );
    const ready = await queryUntil('up', (samples) => samples.length === SERVICES.length);
    if (ready.length !== SERVICES.length) throw new Error(`prometheus on ${PROMETHEUS_PORT} did not scrape the four services`);
  }, 180_000);

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      prometheus.kill('SIGTERM');
      await once(prometheus, 'exit');
    }
    rmSync(prometheusDirectory, { recursive: true, force: true });
    await stack.stop();
  }, 60_000);

  const balanceData = () => `{"token":"${player.token}","user_id":"${player.user_id}","currency_code":"${player.currency}"}`;
  const BALANCE_CALLS = 5;

  it('counts Operator API requests by command and result, exactly', async () => {
    for (let call = 0; call < BALANCE_CALLS; call += 1) {
      const answer = parse((await platform.call('balance', balanceData())).body) as { response: { status: string } };
      expect(answer.response.status).toBe('OK');
    }
    // A bad X-Authorization: 403, counted as ACCESS_DENIED.
    expect((await platform.call('balance', balanceData(), { authorization: 'f'.repeat(40) })).status).toBe(403);
    // A signed body whose command is not the path's: OP_50.
    const timestamp = utcTimestamp();
    const mismatched = await fetch(`${stack.gatewayUrl(0)}/balance`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Operator-Id': TEST_OPERATOR_ID, 'X-Authorization': sha1('balance' + TEST_SECRET_KEY) },
      body: `{"command":"status","request_timestamp":"${timestamp}","hash":"${sha1('status' + timestamp + TEST_SECRET_KEY)}","data":${balanceData()}}`,
    });
    expect(await mismatched.text()).toContain('"error_code":"OP_50"');

    const counted = (result: string) => `operator_api_requests_total{job="gateway",command="balance",result="${result}"}`;
    expect(valueOf(await queryUntil(counted('OK'), (samples) => valueOf(samples) === String(BALANCE_CALLS)))).toBe(String(BALANCE_CALLS));
    expect(valueOf(await queryUntil(counted('ACCESS_DENIED')))).toBe('1');
    expect(valueOf(await queryUntil(counted('OP_50')))).toBe('1');
    const latency = await queryUntil('operator_api_request_duration_seconds_count{job="gateway",command="balance"}', (samples) => valueOf(samples) === String(BALANCE_CALLS + 2));
    expect(valueOf(latency)).toBe(String(BALANCE_CALLS + 2));
  });

  const BETS = 3;

  it("counts the wallet's commands, its batches and the Kafka round trips exactly", async () => {
    const game = new GamePlatform(platform);
    for (let bet = 0; bet < BETS; bet += 1) expect((await game.changeBalance(player, 'BET', '1.00')).status).toBe('OK');
    expect((await game.changeBalance(player, 'BET', '1000.00')).errorCode).toBe('OP_31');

    const exactly = async (expression: string, expected: number) => {
      const samples = await queryUntil(expression, (found) => valueOf(found) === String(expected));
      expect({ expression, value: valueOf(samples) }).toEqual({ expression, value: String(expected) });
    };
    const handled = (type: string, outcome: string) => `sum(wallet_commands_total{job="wallet",type="${type}",outcome="${outcome}"})`;
    await exactly(handled('wallet.balance', 'ok'), BALANCE_CALLS);
    await exactly(handled('wallet.change-balance', 'ok'), BETS);
    await exactly(handled('wallet.change-balance', 'INSUFFICIENT_FUNDS'), 1);
    // Every money command went through the batch engine: the batch sizes add up to them.
    await exactly('sum(wallet_batch_commands_sum{job="wallet"})', BETS + 1);
    await exactly('sum(wallet_command_duration_seconds_count{job="wallet",type="wallet.change-balance"})', BETS + 1);
    await exactly('sum(wallet_client_requests_total{job="gateway",command="wallet.change-balance",outcome="answered"})', BETS + 1);
    await exactly('sum(wallet_client_request_duration_seconds_count{job="gateway",command="wallet.change-balance"})', BETS + 1);
    await exactly('sum(wallet_player_lock_busy_total{job="wallet"})', 0);
    await exactly('sum(wallet_batch_splits_total{job="wallet"})', 0);
    // All handled: the partitions this wallet owns report no lag, under its own group.
    const lag = await queryUntil(`kafka_consumer_group_lag{job="wallet",group="${stack.environmentName}.wallet"}`);
    expect(lag.length).toBeGreaterThanOrEqual(1);
    expect(lag.map((sample) => sample.value[1])).toEqual(lag.map(() => '0'));
    await exactly('max(wallet_outbox_pending_events{job="wallet"})', 0);
    // The gateway's reply path: up, and nothing left waiting once every call was answered.
    await exactly('sum(wallet_client_reply_path_ready{job="gateway"})', 1);
    await exactly('sum(wallet_client_pending_requests{job="gateway"})', 0);
  });

  it('labels HTTP requests by route template, never by an id from the path', async () => {
    const routes = await queryUntil('http_server_requests_total{job="gateway",route="/operator-api/v2/:platformId/:command",status_code="200"}');
    expect(Number(valueOf(routes))).toBeGreaterThanOrEqual(BALANCE_CALLS + 1);
    const everyRoute = await query('count by (route) (http_server_requests_total)');
    for (const sample of everyRoute) {
      expect(sample.metric['route']).not.toContain(player.user_id);
      expect(sample.metric['route']).not.toContain('e2e-platform');
    }
  });

  it('reports every service up, its process metrics, and the database pools', async () => {
    for (const service of SERVICES) {
      expect({ service, up: valueOf(await query(`up{job="${service}"}`)) }).toEqual({ service, up: '1' });
      expect({ service, cpu: (await query(`process_cpu_seconds_total{job="${service}"}`)).length }).toEqual({ service, cpu: 1 });
      expect({ service, eventLoop: (await query(`nodejs_eventloop_lag_p99_seconds{job="${service}"}`)).length }).toEqual({ service, eventLoop: 1 });
    }
    for (const service of ['wallet', 'promotions', 'reporting']) {
      expect({ service, poolMax: valueOf(await query(`database_pool_connections_max{job="${service}"}`)) }).toEqual({ service, poolMax: '10' });
      const states = (await query(`database_pool_connections{job="${service}"}`)).map((sample) => sample.metric['state']).sort();
      expect({ service, states }).toEqual({ service, states: ['idle', 'total', 'waiting'] });
    }
    // The wallet just served the traffic above; idle services may have closed their idle connections.
    expect(Number(valueOf(await query('database_pool_connections{job="wallet",state="total"}')))).toBeGreaterThanOrEqual(1);
  });

  it('evaluates every alert rule without error', async () => {
    const response = (await (await fetch(`${PROMETHEUS_URL}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] } };
    const rules = response.data.groups.flatMap((group) => group.rules);
    // Every rule of the file is loaded (counted from the file itself, so a new rule needs no edit here).
    const rulesInFile = readFileSync(join(repo, 'monitoring', 'prometheus', 'alert-rules.yaml'), 'utf8').match(/^\s*- alert: /gm) ?? [];
    expect(rulesInFile.length).toBeGreaterThan(0);
    expect(rules.length).toBe(rulesInFile.length);
    const evaluated = await queryUntil('count(ALERTS) or vector(0)');
    expect(evaluated.length).toBe(1);
    for (const rule of rules) expect({ rule: rule.name, health: rule.health === 'unknown' ? 'ok' : rule.health, error: rule.lastError ?? '' }).toEqual({ rule: rule.name, health: 'ok', error: '' });
  });

  it('answers every query of the Grafana dashboard, or the query is on a documented coming metric', async () => {
    const dashboard = JSON.parse(readFileSync(join(repo, 'monitoring', 'grafana', 'wallet-platform.dashboard.json'), 'utf8')) as { panels: { title: string; targets: { expr: string }[] }[] };
    const coming = (JSON.parse(readFileSync(join(repo, 'monitoring', 'coming-metrics.json'), 'utf8')) as { metrics: { name: string }[] }).metrics.map((metric) => metric.name);
    const expressions = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })));
    expect(expressions.length).toBeGreaterThanOrEqual(10);
    for (const { panel, expr } of expressions) {
      const onComingMetric = coming.some((name) => new RegExp(`\\b${name}\\b`).test(expr));
      const samples = onComingMetric ? await query(expr) : await queryUntil(expr);
      expect({ panel, answered: samples.length > 0 || onComingMetric }).toEqual({ panel, answered: true });
    }
  });
});
