import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'lossless-json';
import { parse as parseYaml } from 'yaml';
import { FakePlatformServer } from '@wallet-platform/platform-client/testing';
import { GamePlatform, PlatformClient, sha1, TEST_OPERATOR_ID, TEST_SECRET_KEY, TestStack, utcTimestamp, type SeededPlayer } from '@wallet-platform/test-stack';

/**
 * The services' /metrics scraped by a real Prometheus (Debian's `prometheus`), with the project's
 * alert rules loaded: signed traffic goes in, and the series it must produce are read back from
 * Prometheus' HTTP API, counted exactly. Every query of the Grafana dashboard is run too.
 */
// Overridable to run this test beside the suite's own run (another stack and Prometheus).
const PORT_BASE = Number(process.env['METRICS_E2E_PORT_BASE'] ?? 18550);
const PROMETHEUS_PORT = Number(process.env['METRICS_E2E_PROMETHEUS_PORT'] ?? 19190);
const PROMETHEUS_URL = `http://127.0.0.1:${PROMETHEUS_PORT}`;
const SCRAPE_INTERVAL = '1s';
const WAIT_TIMEOUT_MS = 30_000;
const POLL_INTERVAL_MS = 250;
const repo = join(__dirname, '..', '..', '..');
const SERVICES = ['gateway', 'wallet', 'promotions', 'reporting'] as const;
/** A transfer-wallet aggregator configured in the wallet: never called (no transfer is made), its series exist. */
const AGGREGATOR_ID = 'zg';
/** The platform reporting reconciles, against a fake platform API whose business report never matches ours. */
const RECONCILED_PLATFORM_ID = 'plat-e2e';
const RECONCILED_OPERATOR_ID = 'casino-e2e';
const RECONCILED_SECRET_KEY = 'metrics-e2e-reconciliation-key';
const REPORTING_API_KEY = 'metrics-e2e-reporting-analyst-key';

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
  let fakePlatform: FakePlatformServer | undefined;

  const ports: Record<(typeof SERVICES)[number], number> = { gateway: PORT_BASE, wallet: PORT_BASE + 1, promotions: PORT_BASE + 2, reporting: PORT_BASE + 3 };

  beforeAll(async () => {
    // A row we have none of (vendor "metrics-e2e"): every run of any day is mismatched.
    fakePlatform = await FakePlatformServer.start({
      operatorId: RECONCILED_OPERATOR_ID,
      secretKey: RECONCILED_SECRET_KEY,
      fixtures: {
        businessReport: (request) =>
          `[{"entity_name":"casino","vendor":"metrics-e2e","currency_code":"EUR","bets_sum":5,"bets_count":1,"wins_sum":0,"wins_count":0,"freespins_sum":0,"freespins_count":0,"jackpots_sum":0,"jackpots_count":0,"gross_gaming_revenue":"5.00","date":"${String(request.query['date'])}"}]`,
      },
    });
    // An aggregator (nothing listens there) and the reconciled platform, in the one registry every
    // service reads (the wallet takes the aggregators, reporting the platforms marked reconcile).
    stack.extraPlatforms.push({ platformId: AGGREGATOR_ID, protocol: 'aggregator', api: { baseUrl: 'http://127.0.0.1:9/unused', apiKey: 'metrics-e2e-aggregator-key' }, currencies: ['EUR'], usernamePrefix: 'wp' });
    stack.extraPlatforms.push({
      platformId: RECONCILED_PLATFORM_ID,
      protocol: 'operator-api',
      operators: [{ operatorId: RECONCILED_OPERATOR_ID, secretKey: RECONCILED_SECRET_KEY }],
      api: { baseUrl: fakePlatform.baseUrl, gameLaunchBaseUrl: 'http://127.0.0.1:9/launch', reconcile: true },
    });
    stack.reportingEnv = {
      BACK_OFFICE_API_KEYS: JSON.stringify([{ name: 'analyst', role: 'support', sha256: createHash('sha256').update(REPORTING_API_KEY).digest('hex') }]),
      RECONCILIATION_SCHEDULE: 'off',
    };
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
    await fakePlatform?.close();
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

  it("reports the ledger-event consumers of promotions and reporting, and reporting's intake age", async () => {
    // The bets above went through the wallet's outbox to wallet.ledger-events: both consumers read them.
    for (const [job, group] of [['promotions', `${stack.environmentName}.promotions-ledger`], ['reporting', `${stack.environmentName}.reporting`]]) {
      const lag = await queryUntil(`kafka_consumer_group_lag{job="${job}",group="${group}"}`, (samples) => samples.length > 0 && samples.every((sample) => sample.value[1] === '0'));
      expect({ job, partitions: lag.length > 0, lags: [...new Set(lag.map((sample) => sample.value[1]))] }).toEqual({ job, partitions: true, lags: ['0'] });
    }
    const age = await queryUntil('reporting_ledger_intake_newest_event_age_seconds{job="reporting"}');
    expect(age).toHaveLength(1);
    // The newest event applied is one of this test's bets: seconds old, not an epoch away.
    expect(Number(valueOf(age))).toBeGreaterThanOrEqual(0);
    expect(Number(valueOf(age))).toBeLessThan(300);
  });

  it('reports promotions: grants of every provider and state, awards by state, the recovery passes', async () => {
    const grants = await queryUntil('promotions_campaign_grants{job="promotions",provider="choice-gaming"}', (samples) => samples.length === 8);
    expect(grants.map((sample) => [sample.metric['state'], sample.value[1]]).sort()).toEqual(
      ['canceled', 'expired', 'granted', 'pending', 'played', 'rejected', 'skipped', 'unknown'].map((state) => [state, '0']),
    );
    expect(valueOf(await queryUntil('sum(promotions_awards_total{job="promotions"})'))).toBe('0');
    expect((await query('promotions_awards_total{job="promotions"}')).length).toBe(6);
    expect(valueOf(await queryUntil('promotions_awards_crediting{job="promotions"}'))).toBe('0');
    expect(valueOf(await queryUntil('promotions_award_oldest_crediting_age_seconds{job="promotions"}'))).toBe('0');
    // The recovery pass runs at start: it completed, and had nothing to ask.
    expect(Number(valueOf(await queryUntil('promotions_award_recovery_passes_total{job="promotions",outcome="completed"}', (samples) => Number(valueOf(samples)) >= 1)))).toBeGreaterThanOrEqual(1);
    expect(valueOf(await query('promotions_award_recovery_passes_total{job="promotions",outcome="failed"}'))).toBe('0');
    expect(valueOf(await query('sum(promotions_award_recovery_awards_total{job="promotions"})'))).toBe('0');
  });

  it("reports the configured aggregator's transfers: none in transit, none settled", async () => {
    const open = await queryUntil(`wallet_aggregator_transfers_open{job="wallet",aggregator="${AGGREGATOR_ID}"}`, (samples) => samples.length === 3);
    expect(open.map((sample) => [sample.metric['state'], sample.value[1]]).sort()).toEqual([['pending', '0'], ['sending', '0'], ['unknown', '0']]);
    expect(valueOf(await queryUntil(`wallet_aggregator_transfer_oldest_open_seconds{job="wallet",aggregator="${AGGREGATOR_ID}"}`))).toBe('0');
    expect(valueOf(await queryUntil(`sum(wallet_aggregator_transfers_settled_total{job="wallet",aggregator="${AGGREGATOR_ID}"})`))).toBe('0');
  });

  it('counts a mismatched reconciliation run, reports the mismatched day, and fires ReconciliationMismatch for that platform', async () => {
    const runs = (outcome: string) => `reporting_reconciliation_runs_total{job="reporting",platform="${RECONCILED_PLATFORM_ID}",trigger="request",outcome="${outcome}"}`;
    expect(valueOf(await queryUntil(runs('mismatched')))).toBe('0');
    expect(valueOf(await queryUntil(`reporting_reconciliation_mismatches{job="reporting",platform="${RECONCILED_PLATFORM_ID}"}`))).toBe('0');
    const today = new Date().toISOString().slice(0, 10);
    const response = await fetch(`${stack.reportingUrl()}/reports/v1/reconciliations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${REPORTING_API_KEY}` },
      body: JSON.stringify({ platformId: RECONCILED_PLATFORM_ID, day: today }),
    });
    const stored = (await response.json()) as { status: string; error: string | null };
    expect([response.status, stored.status, stored.error]).toEqual([200, 'mismatched', null]);

    expect(valueOf(await queryUntil(runs('mismatched'), (samples) => valueOf(samples) === '1'))).toBe('1');
    expect(valueOf(await query(runs('matched')))).toBe('0');
    expect(valueOf(await query(runs('failed')))).toBe('0');
    const mismatchedDays = `reporting_reconciliation_mismatches{job="reporting",platform="${RECONCILED_PLATFORM_ID}"}`;
    expect(valueOf(await queryUntil(mismatchedDays, (samples) => valueOf(samples) === '1'))).toBe('1');
    expect(valueOf(await query(`reporting_reconciliation_failed_days{job="reporting",platform="${RECONCILED_PLATFORM_ID}"}`))).toBe('0');
    const alert = await queryUntil(`ALERTS{alertname="ReconciliationMismatch",alertstate="firing",platform="${RECONCILED_PLATFORM_ID}"}`);
    expect(alert.map((sample) => sample.metric['severity'])).toEqual(['page']);
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
    // Every rule of the file is loaded, by name (read from the file itself, so a new rule needs no edit here).
    const ruleFile = parseYaml(readFileSync(join(repo, 'monitoring', 'prometheus', 'alert-rules.yaml'), 'utf8')) as { groups: { rules: { alert: string }[] }[] };
    expect(rules.map((rule) => rule.name).sort()).toEqual(ruleFile.groups.flatMap((group) => group.rules.map((rule) => rule.alert)).sort());
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
