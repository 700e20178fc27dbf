/// <reference lib="dom" />
/**
 * The dashboard's page and its browser script. The script is written here in TypeScript and served
 * as the compiled function's own text (`Function.prototype.toString`), so the product has no
 * hand-written JavaScript and no bundler: it must therefore use nothing from outside its body but
 * the browser and the `Chart` global of Chart.js, loaded before it.
 */
export const DASHBOARD_PATH = 'reports/dashboard';

export function dashboardHtml(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GGR dashboard</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 24px; color: #1d2330; background: #f6f7f9; }
  h1 { font-size: 20px; margin: 0 0 12px; } h2 { font-size: 15px; margin: 0 0 8px; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  .card { background: #fff; border-radius: 8px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { text-align: right; padding: 4px 8px; border-bottom: 1px solid #e4e7ec; white-space: nowrap; }
  th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
  #status { font-size: 13px; color: #667085; margin-bottom: 12px; }
  canvas { max-height: 260px; }
  .matched { color: #067647; font-weight: 600; } .mismatched { color: #b42318; font-weight: 600; } .failed { color: #b54708; font-weight: 600; }
</style></head>
<body data-ready="false">
  <h1>Gross gaming revenue</h1>
  <div id="status">loading…</div>
  <div class="grid">
    <div class="card"><h2>GGR per day</h2><canvas id="ggr-by-day"></canvas></div>
    <div class="card"><h2>GGR by vendor</h2><canvas id="ggr-by-vendor"></canvas></div>
    <div class="card"><h2>GGR by currency</h2><canvas id="ggr-by-currency"></canvas></div>
    <div class="card"><h2>Top games by GGR</h2><table id="top-games"><thead><tr><th>game</th><th>vendor</th><th>currency</th><th>bets</th><th>wins</th><th>GGR</th></tr></thead><tbody></tbody></table></div>
  </div>
  <div class="grid" style="margin-top:16px">
    <div class="card"><h2>Reconciliation per platform and day</h2><table id="reconciliation"><thead><tr><th>day</th><th>platform</th><th>operator</th><th>status</th><th>rows off</th><th>ran at</th></tr></thead><tbody></tbody></table></div>
    <div class="card"><h2>Tournament and promotion prizes (not in GGR)</h2><table id="prizes"><thead><tr><th>day</th><th>vendor</th><th>currency</th><th>campaign</th><th>tournament</th><th>promo</th></tr></thead><tbody></tbody></table></div>
  </div>
  <div class="card" style="margin-top:16px"><h2>Figures per day, vendor and currency</h2>
    <table id="figures"><thead><tr><th>day</th><th>vendor</th><th>currency</th><th>bets</th><th>bets #</th><th>wins</th><th>free spins</th><th>jackpots</th><th>refunds</th><th>canceled bets #</th><th>GGR</th></tr></thead><tbody></tbody></table>
  </div>
  <script src="/${DASHBOARD_PATH}/chart.umd.min.js"></script>
  <script src="/${DASHBOARD_PATH}/dashboard.js"></script>
</body></html>`;
}

export function dashboardScript(): string {
  return `(${dashboardMain.toString()})();\n`;
}

interface ChartGlobal {
  new (canvas: HTMLCanvasElement, config: unknown): unknown;
}
type Row = Record<string, string>;

/**
 * Runs in the browser. The API key comes from the URL fragment (`#key=…`, never sent to a server
 * log) or is asked once and kept for the tab; the day range from `?from=&to=` (default: the last 7
 * days). Amounts are decimal strings; they are turned into numbers only to draw bars, and the
 * tables show the strings exactly as the API sent them.
 */
function dashboardMain(): void {
  const Chart = (window as unknown as { Chart: ChartGlobal }).Chart;
  const status = document.getElementById('status') as HTMLElement;
  const fragmentKey = new URLSearchParams(location.hash.slice(1)).get('key');
  if (fragmentKey) sessionStorage.setItem('reports-api-key', fragmentKey);
  const key = sessionStorage.getItem('reports-api-key') ?? window.prompt('Back-office API key') ?? '';
  const search = new URLSearchParams(location.search);
  const today = new Date();
  const to = search.get('to') ?? today.toISOString().slice(0, 10);
  const from = search.get('from') ?? new Date(today.getTime() - 6 * 86_400_000).toISOString().slice(0, 10);

  async function get<T>(path: string): Promise<T> {
    const response = await fetch(path, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`the reports API answered ${response.status}`);
    return (await response.json()) as T;
  }
  async function ggr(groupBy: string): Promise<Row[]> {
    return (await get<{ rows: Row[] }>(`/reports/v1/ggr?from=${from}&to=${to}&groupBy=${groupBy}&pageSize=1000`)).rows;
  }
  interface Run {
    day: string;
    source?: string;
    platformId: string;
    operatorId: string;
    status: string;
    ranAt: string;
    result: { rows: Array<{ status: string }> } | null;
  }
  function bars(id: string, labels: string[], datasets: Array<{ label: string; data: number[] }>, type = 'bar'): void {
    new Chart(document.getElementById(id) as HTMLCanvasElement, { type, data: { labels, datasets }, options: { animation: false, responsive: true, plugins: { legend: { position: 'bottom' } } } });
  }
  function byCurrency(rows: Row[], label: (row: Row) => string): { labels: string[]; datasets: Array<{ label: string; data: number[] }> } {
    const labels = [...new Set(rows.map(label))];
    const currencies = [...new Set(rows.map((row) => row['currency']))];
    return {
      labels,
      datasets: currencies.map((currency) => ({
        label: currency,
        data: labels.map((name) => Number(rows.find((row) => label(row) === name && row['currency'] === currency)?.['ggr'] ?? '0')),
      })),
    };
  }
  function fill(tableId: string, rows: Row[], columns: string[]): void {
    const body = (document.getElementById(tableId) as HTMLTableElement).tBodies[0];
    for (const row of rows) {
      const tr = body.insertRow();
      for (const column of columns) tr.insertCell().textContent = row[column] ?? '';
    }
  }

  void (async () => {
    try {
      const [days, vendors, currencies, games, figures, prizes, reconciliation] = await Promise.all([
        ggr('day,currency'), ggr('vendor,currency'), ggr('currency'), ggr('game,vendor,currency'), ggr('day,vendor,currency'),
        get<{ rows: Row[] }>(`/reports/v1/promotion-wins?from=${from}&to=${to}&groupBy=day,vendor,campaign&pageSize=1000`),
        get<{ runs: Run[] }>(`/reports/v1/reconciliations?from=${from}&to=${to}&pageSize=500`),
      ]);
      const perDay = byCurrency(days, (row) => row['day']);
      bars('ggr-by-day', perDay.labels, perDay.datasets, 'line');
      const perVendor = byCurrency(vendors, (row) => row['vendor']);
      bars('ggr-by-vendor', perVendor.labels, perVendor.datasets);
      bars('ggr-by-currency', currencies.map((row) => row['currency']), [{ label: 'GGR', data: currencies.map((row) => Number(row['ggr'])) }]);
      // Top games: ordered by GGR within each currency (amounts of two currencies are not compared).
      const top = [...games].sort((a, b) => (a['currency'] === b['currency'] ? Number(b['ggr']) - Number(a['ggr']) : a['currency'] < b['currency'] ? -1 : 1)).slice(0, 10);
      fill('top-games', top, ['game_id', 'vendor', 'currency', 'bets_sum', 'wins_sum', 'ggr']);
      fill('figures', figures, ['day', 'vendor', 'currency', 'bets_sum', 'bets_count', 'wins_sum', 'freespin_wins_sum', 'jackpot_wins_sum', 'refunds_sum', 'canceled_bets_count', 'ggr']);
      fill('prizes', prizes.rows, ['day', 'vendor', 'currency', 'campaign_code', 'tournament_wins_sum', 'promo_wins_sum']);
      const runs = reconciliation.runs.map((run) => ({
        day: run.day, platform: run.source === 'aggregator' ? `aggregator ${run.platformId}` : run.platformId, operator: run.operatorId, status: run.status, ranAt: run.ranAt.slice(0, 19).replace('T', ' '),
        off: run.result === null ? '-' : String(run.result.rows.filter((row) => row.status !== 'matched').length),
      }));
      fill('reconciliation', runs, ['day', 'platform', 'operator', 'status', 'off', 'ranAt']);
      const statusCells = (document.getElementById('reconciliation') as HTMLTableElement).tBodies[0].rows;
      for (let index = 0; index < statusCells.length; index += 1) statusCells[index].cells[3].className = runs[index].status;
      status.textContent = `${from} to ${to} (UTC days), cancels excluded`;
      document.body.dataset['ready'] = 'true';
    } catch (error) {
      status.textContent = `could not load the reports: ${error instanceof Error ? error.message : String(error)}`;
      document.body.dataset['ready'] = 'error';
    }
  })();
}
