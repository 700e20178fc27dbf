import { LocalValidationError } from '../input/input-errors';
import type {
  AddCampaignPlayersView,
  CampaignListQuery,
  CampaignListView,
  CancelCampaignView,
  AggregatorBalanceCheckView,
  AggregatorBalanceDriftView,
  AggregatorCatalogSyncView,
  AggregatorGameLogQuery,
  AggregatorGameLogView,
  AggregatorGamesQuery,
  AggregatorGameView,
  AggregatorHistoryQuery,
  AggregatorHistoryView,
  AggregatorLaunchRequest,
  AggregatorLaunchView,
  AggregatorSessionEndView,
  AggregatorSessionView,
  AggregatorProviderView,
  AggregatorSettleRequest,
  AggregatorTransferRequest,
  AggregatorTransferView,
  ApiErrorBody,
  CampaignSettlementView,
  CampaignView,
  CreateCampaignRequest,
  CashierMovementRequest,
  CashierOperationView,
  CatalogPlatformView,
  CatalogSyncResult,
  CreatePlayerRequest,
  GamesQuery,
  GameView,
  LaunchGameRequest,
  LaunchView,
  Page,
  PlayerLimitsRequest,
  PlayerLimitsView,
  PlayerView,
  ReconciliationRunsQuery,
  ReconciliationRunView,
  RoundView,
  SearchPlayersQuery,
  HistoryQuery,
  TransactionsQuery,
  TransactionView,
} from './back-office-api.interface';
import { ApiUnreachableReason, BackOfficeApiError, BackOfficeUnreachableError, ContractViolationError } from './back-office-api-error';

/**
 * Deadline of one request. The back office answers reads and cashier operations in milliseconds;
 * 30 s leaves room for a busy database without leaving an operator staring at a frozen terminal.
 */
export const REQUEST_TIMEOUT_MS = 30_000;
/**
 * Deadline of one platform's catalog sync. The wallet lets one platform's sync run up to 5 minutes
 * (its sync lock's lifetime) while it fetches thousands of games from the platform and stores them;
 * one more minute covers the round trip. The CLI syncs one platform per request, so this bounds
 * each step, not the whole run.
 */
export const CATALOG_SYNC_REQUEST_TIMEOUT_MS = 6 * 60_000;
/** Largest answer read: a page is at most 200 rows, far below this; anything larger is not the API. */
export const RESPONSE_BODY_BYTES_MAX = 4 * 1024 * 1024;
/** A money field longer than this is not one the API's DECIMAL(18,2) columns can produce. */
const DECIMAL_STRING_LENGTH_MAX = 24;
const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

export interface BackOfficeClientOptions {
  /** e.g. http://127.0.0.1:18081/back-office/v1 (no trailing slash needed). */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <key>`; never logged, never part of an error message. */
  readonly apiKey: string;
  /** Injected by tests; the global fetch otherwise. */
  readonly fetchFunction?: typeof fetch;
  readonly requestTimeoutMs?: number;
  readonly catalogSyncTimeoutMs?: number;
}

interface RequestOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  readonly timeoutMs?: number;
}

/**
 * The back-office API, one method per endpoint, typed as the contract says. It adds nothing of its
 * own: every rule (roles, balances, idempotency, limits) is the wallet's, and every refusal is
 * passed back as the API's error. Money fields are checked to be decimal strings on the way in.
 */
export class BackOfficeClient {
  private readonly baseUrl: string;
  private readonly fetchFunction: typeof fetch;
  private readonly requestTimeoutMs: number;
  private readonly catalogSyncTimeoutMs: number;

  constructor(private readonly options: BackOfficeClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFunction = options.fetchFunction ?? fetch;
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.catalogSyncTimeoutMs = options.catalogSyncTimeoutMs ?? CATALOG_SYNC_REQUEST_TIMEOUT_MS;
  }

  // players

  async createPlayer(request: CreatePlayerRequest): Promise<PlayerView> {
    return checkPlayer(await this.request<PlayerView>('POST', '/players', { body: request }));
  }

  async readPlayer(playerId: string): Promise<PlayerView> {
    return checkPlayer(await this.request<PlayerView>('GET', `/players/${segment('playerId', playerId)}`));
  }

  async searchPlayers(query: SearchPlayersQuery): Promise<Page<PlayerView>> {
    return checkPage(await this.request<Page<PlayerView>>('GET', '/players', { query: { ...query } }), checkPlayer);
  }

  async blockPlayer(playerId: string): Promise<PlayerView> {
    return checkPlayer(await this.request<PlayerView>('POST', `/players/${segment('playerId', playerId)}/block`));
  }

  async unblockPlayer(playerId: string): Promise<PlayerView> {
    return checkPlayer(await this.request<PlayerView>('POST', `/players/${segment('playerId', playerId)}/unblock`));
  }

  // cashier

  async deposit(playerId: string, request: CashierMovementRequest): Promise<CashierOperationView> {
    return checkOperation(await this.request<CashierOperationView>('POST', `/players/${segment('playerId', playerId)}/deposits`, { body: request }));
  }

  async withdraw(playerId: string, request: CashierMovementRequest): Promise<CashierOperationView> {
    return checkOperation(await this.request<CashierOperationView>('POST', `/players/${segment('playerId', playerId)}/withdrawals`, { body: request }));
  }

  async adjust(playerId: string, request: CashierMovementRequest): Promise<CashierOperationView> {
    return checkOperation(await this.request<CashierOperationView>('POST', `/players/${segment('playerId', playerId)}/adjustments`, { body: request }));
  }

  // limits

  async readLimits(playerId: string): Promise<PlayerLimitsView> {
    return checkLimits(await this.request<PlayerLimitsView>('GET', `/players/${segment('playerId', playerId)}/limits`));
  }

  async setLimits(playerId: string, request: PlayerLimitsRequest): Promise<PlayerLimitsView> {
    return checkLimits(await this.request<PlayerLimitsView>('PUT', `/players/${segment('playerId', playerId)}/limits`, { body: request }));
  }

  // history

  async transactions(playerId: string, query: TransactionsQuery): Promise<Page<TransactionView>> {
    const page = await this.request<Page<TransactionView>>('GET', `/players/${segment('playerId', playerId)}/transactions`, { query: { ...query } });
    return checkPage(page, (item) => checkDecimals(item, ['amount'], ['balanceAfter']));
  }

  async rounds(playerId: string, query: HistoryQuery): Promise<Page<RoundView>> {
    const page = await this.request<Page<RoundView>>('GET', `/players/${segment('playerId', playerId)}/rounds`, { query: { ...query } });
    return checkPage(page, (item) => checkDecimals(item, ['betTotal', 'winTotal', 'refundTotal'], []));
  }

  // sessions

  launchGame(playerId: string, request: LaunchGameRequest): Promise<LaunchView> {
    return this.request<LaunchView>('POST', `/players/${segment('playerId', playerId)}/sessions`, { body: request });
  }

  /** 204 on success; ending an ended session again is fine, an unknown token is 404. */
  async endSession(token: string): Promise<void> {
    await this.request<null>('DELETE', `/sessions/${segment('token', token)}`);
  }

  // catalog

  catalogPlatforms(): Promise<{ readonly items: readonly CatalogPlatformView[] }> {
    return this.request('GET', '/catalog/platforms');
  }

  async catalogGames(query: GamesQuery): Promise<Page<GameView>> {
    return checkPage(await this.request<Page<GameView>>('GET', '/catalog/games', { query: { ...query } }), (item) => item);
  }

  setGameSwitch(platformId: string, gameId: string, enabledByOperator: boolean): Promise<GameView> {
    return this.request('PUT', `/catalog/games/${segment('platformId', platformId)}/${segment('gameId', gameId)}`, { body: { enabledByOperator } });
  }

  /** One platform (every operator configured for it), or every platform in one long request. */
  syncCatalog(platformId?: string): Promise<{ readonly results: readonly CatalogSyncResult[] }> {
    return this.request('POST', '/catalog/sync', { body: platformId === undefined ? {} : { platformId }, timeoutMs: this.catalogSyncTimeoutMs });
  }

  // aggregator transfers

  /** A game launch at an aggregator: 200 launched, 202 while a transfer is in transit (the same request again later). */
  async launchAggregatorGame(playerId: string, request: AggregatorLaunchRequest): Promise<AggregatorLaunchView> {
    return checkSessionAnswer(await this.request<AggregatorLaunchView>('POST', `/players/${segment('playerId', playerId)}/aggregator-sessions`, { body: request }));
  }

  async endAggregatorSession(sessionId: string): Promise<AggregatorSessionEndView> {
    return checkSessionAnswer(await this.request<AggregatorSessionEndView>('POST', `/aggregator-sessions/${segment('sessionId', sessionId)}/end`));
  }

  async playerAggregatorSessions(playerId: string): Promise<readonly AggregatorSessionView[]> {
    const sessions = await this.request<AggregatorSessionView[]>('GET', `/players/${segment('playerId', playerId)}/aggregator-sessions`);
    if (!Array.isArray(sessions)) throw new ContractViolationError('the sessions answer is not an array');
    return sessions;
  }

  async aggregatorTransfer(playerId: string, request: AggregatorTransferRequest): Promise<AggregatorTransferView> {
    return checkTransfer(await this.request<AggregatorTransferView>('POST', `/players/${segment('playerId', playerId)}/aggregator-transfers`, { body: request }));
  }

  async playerAggregatorTransfers(playerId: string): Promise<readonly AggregatorTransferView[]> {
    return (await this.request<AggregatorTransferView[]>('GET', `/players/${segment('playerId', playerId)}/aggregator-transfers`)).map(checkTransfer);
  }

  async openAggregatorTransfers(): Promise<readonly AggregatorTransferView[]> {
    return (await this.request<AggregatorTransferView[]>('GET', '/aggregator-transfers/open')).map(checkTransfer);
  }

  async resolveAggregatorTransfer(transferId: string): Promise<AggregatorTransferView> {
    return checkTransfer(await this.request<AggregatorTransferView>('POST', `/aggregator-transfers/${segment('transferId', transferId)}/resolve`));
  }

  async settleAggregatorTransfer(transferId: string, request: AggregatorSettleRequest): Promise<AggregatorTransferView> {
    return checkTransfer(await this.request<AggregatorTransferView>('POST', `/aggregator-transfers/${segment('transferId', transferId)}/settle`, { body: request }));
  }

  async aggregatorBalanceCheck(aggregatorId: string): Promise<AggregatorBalanceCheckView> {
    return this.request('GET', `/aggregators/${segment('aggregatorId', aggregatorId)}/balance-check`);
  }

  /** The last periodic balance check of an aggregator (404 no_balance_check_yet before the first). */
  async aggregatorBalanceDrift(aggregatorId: string): Promise<AggregatorBalanceDriftView> {
    return checkDrift(await this.request<AggregatorBalanceDriftView>('GET', `/aggregators/${segment('aggregatorId', aggregatorId)}/balance-drift`));
  }

  /** Runs a balance check now: it reads every player's balance and history there, so it gets the long deadline. */
  async checkAggregatorBalanceDrift(aggregatorId: string): Promise<AggregatorBalanceDriftView> {
    return checkDrift(await this.request<AggregatorBalanceDriftView>('POST', `/aggregators/${segment('aggregatorId', aggregatorId)}/balance-drift`, { timeoutMs: this.catalogSyncTimeoutMs }));
  }

  // the aggregators' catalog, and a player's history and game logs there

  async aggregatorCatalogGames(aggregatorId: string, query: AggregatorGamesQuery): Promise<Page<AggregatorGameView>> {
    return checkPage(await this.request<Page<AggregatorGameView>>('GET', `/catalog/aggregators/${segment('aggregatorId', aggregatorId)}/games`, { query: { ...query } }), (item) => item);
  }

  aggregatorProviders(aggregatorId: string): Promise<{ readonly items: readonly AggregatorProviderView[] }> {
    return this.request('GET', `/catalog/aggregators/${segment('aggregatorId', aggregatorId)}/providers`);
  }

  setAggregatorGameSwitch(aggregatorId: string, gameId: string, enabledByOperator: boolean): Promise<AggregatorGameView> {
    return this.request('PUT', `/catalog/aggregators/${segment('aggregatorId', aggregatorId)}/games/${segment('gameId', gameId)}`, { body: { enabledByOperator } });
  }

  syncAggregatorCatalog(aggregatorId?: string): Promise<{ readonly results: readonly AggregatorCatalogSyncView[] }> {
    return this.request('POST', '/catalog/aggregators/sync', { body: aggregatorId === undefined ? {} : { aggregatorId }, timeoutMs: this.catalogSyncTimeoutMs });
  }

  aggregatorHistory(playerId: string, aggregatorId: string, query: AggregatorHistoryQuery): Promise<AggregatorHistoryView> {
    return this.request('GET', `/players/${segment('playerId', playerId)}/aggregators/${segment('aggregatorId', aggregatorId)}/history`, { query: { ...query } });
  }

  aggregatorGameLog(playerId: string, aggregatorId: string, query: AggregatorGameLogQuery): Promise<AggregatorGameLogView> {
    return this.request('GET', `/players/${segment('playerId', playerId)}/aggregators/${segment('aggregatorId', aggregatorId)}/game-logs`, { query: { ...query } });
  }

  // campaigns (served by the promotions service: this client is made with its base URL)

  async createCampaign(request: CreateCampaignRequest): Promise<CampaignView> {
    return checkDecimals(await this.request<CampaignView>('POST', '/campaigns', { body: request }), ['betAmount'], []);
  }

  async addCampaignPlayers(reference: string, playerIds: readonly string[]): Promise<AddCampaignPlayersView> {
    return this.request('POST', `/campaigns/${segment('reference', reference)}/players`, { body: { playerIds } });
  }

  async startCampaignGrant(reference: string): Promise<{ started: boolean }> {
    return this.request('POST', `/campaigns/${segment('reference', reference)}/grant`);
  }

  listCampaigns(query: CampaignListQuery): Promise<CampaignListView> {
    return this.request('GET', '/campaigns', { query: { ...query } });
  }

  async cancelCampaign(reference: string): Promise<CancelCampaignView> {
    return this.request('POST', `/campaigns/${segment('reference', reference)}/cancel`);
  }

  async campaignSettlement(reference: string): Promise<CampaignSettlementView> {
    const settlement = await this.request<CampaignSettlementView>('GET', `/campaigns/${segment('reference', reference)}/settlement`);
    for (const [currency, cost] of Object.entries(settlement.costByCurrency ?? {})) {
      if (typeof cost !== 'string' || !DECIMAL_STRING.test(cost)) throw new ContractViolationError(`costByCurrency.${currency} is ${JSON.stringify(cost)}, not a decimal string`);
    }
    return settlement;
  }

  // reconciliation (served by the reporting service: this client is made with its base URL)

  /** Fetches the platform's business report (or the aggregator's player reports) now and compares: may take as long as the other side does. */
  async reconcile(request: { platformId: string; day: string; operatorId?: string; source?: 'aggregator' }): Promise<ReconciliationRunView> {
    return this.request('POST', '/reconciliations', { body: request, timeoutMs: this.catalogSyncTimeoutMs });
  }

  async reconciliations(query: ReconciliationRunsQuery): Promise<{ runs: readonly ReconciliationRunView[]; hasMore: boolean }> {
    return this.request('GET', '/reconciliations', { query: { ...query } });
  }

  private async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers: Record<string, string> = { Authorization: `Bearer ${this.options.apiKey}`, Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const where = `${url.pathname}${url.search}`;
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFunction(url, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // A redirect is never the API's answer, and following one could carry the key elsewhere.
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await readBodyBounded(response, method, where);
    } catch (error) {
      throw unreachable(error, method, where, timeoutMs);
    }
    if (response.status === 204) return null as T;
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      throw new BackOfficeUnreachableError(
        ApiUnreachableReason.UnexpectedResponse,
        method,
        where,
        `HTTP ${response.status} with a body that is not JSON (${response.headers.get('content-type') ?? 'no content type'}): is BACK_OFFICE_URL the back office?`,
      );
    }
    if (response.status >= 200 && response.status < 300) {
      if (parsed === null || typeof parsed !== 'object') {
        throw new BackOfficeUnreachableError(ApiUnreachableReason.UnexpectedResponse, method, where, `HTTP ${response.status} without a JSON object`);
      }
      return parsed as T;
    }
    throw new BackOfficeApiError(method, where, response.status, errorBodyOf(parsed, response.status), text);
  }
}

/** A path segment: encoded, and never "." or ".." (which a URL would resolve to another path). */
function segment(field: string, value: string): string {
  if (value === '' || value === '.' || value === '..') {
    throw new LocalValidationError([{ field, problems: [`${field} must not be empty, "." or ".."`] }]);
  }
  return encodeURIComponent(value);
}

async function readBodyBounded(response: Response, method: string, where: string): Promise<string> {
  const tooLarge = () => new BackOfficeUnreachableError(ApiUnreachableReason.UnexpectedResponse, method, where, `answer larger than ${RESPONSE_BODY_BYTES_MAX} bytes`);
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > RESPONSE_BODY_BYTES_MAX) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > RESPONSE_BODY_BYTES_MAX) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function unreachable(error: unknown, method: string, where: string, timeoutMs: number): Error {
  if (error instanceof BackOfficeUnreachableError) return error;
  // AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm: read its name.
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new BackOfficeUnreachableError(ApiUnreachableReason.Timeout, method, where, `no answer within ${timeoutMs} ms`);
  }
  // fetch's own message is "fetch failed"; the cause says what (ECONNREFUSED, ENOTFOUND, a redirect).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const message = error instanceof Error ? error.message : String(error);
  return new BackOfficeUnreachableError(ApiUnreachableReason.Network, method, where, cause ? `${message}: ${cause}` : message);
}

function errorBodyOf(parsed: unknown, httpStatus: number): ApiErrorBody {
  const candidate = parsed as Partial<ApiErrorBody> | null;
  if (candidate && typeof candidate === 'object' && typeof candidate.error === 'string') {
    const fields = Array.isArray(candidate.fields)
      ? candidate.fields.filter((field) => field && typeof field.field === 'string' && Array.isArray(field.problems))
      : undefined;
    return { error: candidate.error, message: typeof candidate.message === 'string' ? candidate.message : undefined, fields };
  }
  // Nest's default body ({statusCode, message}) or a proxy's: keep the status as the error.
  const message = candidate && typeof candidate === 'object' && 'message' in candidate ? String((candidate as { message: unknown }).message) : undefined;
  return { error: `http_${httpStatus}`, message };
}

function checkPage<T>(page: Page<T>, checkItem: (item: T) => T): Page<T> {
  if (!Array.isArray(page.items) || !(page.nextCursor === null || typeof page.nextCursor === 'string')) {
    throw new ContractViolationError('a list answer without items[] and nextCursor (string or null)');
  }
  page.items.forEach(checkItem);
  return page;
}

function checkPlayer(player: PlayerView): PlayerView {
  return checkDecimals(player, ['balance'], []);
}

function checkOperation(operation: CashierOperationView): CashierOperationView {
  return checkDecimals(operation, ['amount', 'balanceAfter'], []);
}

function checkSessionAnswer<T extends { readonly session: AggregatorSessionView; readonly transfer: { readonly amount: string } | null }>(answer: T): T {
  if (answer.session === null || typeof answer.session !== 'object') throw new ContractViolationError('a session answer without its session');
  if (answer.transfer !== null) checkDecimals(answer.transfer, ['amount'], []);
  return answer;
}

function checkTransfer(transfer: AggregatorTransferView): AggregatorTransferView {
  return checkDecimals(transfer, ['amount'], []);
}

function checkDrift(report: AggregatorBalanceDriftView): AggregatorBalanceDriftView {
  if (!Array.isArray(report.rows)) throw new ContractViolationError('a balance check without rows[]');
  for (const row of report.rows) checkDecimals(row, ['held', 'heldByTransfers', 'balancesThere', 'playThere', 'heldForChecked', 'drift'], []);
  return report;
}

function checkLimits(limits: PlayerLimitsView): PlayerLimitsView {
  return checkDecimals(limits, ['wageredToday', 'netLossToday'], ['dailyWagerLimit', 'dailyLossLimit']);
}

/** Every money field a decimal string (or null where the contract allows): never a JSON number. */
function checkDecimals<T extends object>(value: T, required: ReadonlyArray<keyof T & string>, nullable: ReadonlyArray<keyof T & string>): T {
  const isDecimal = (field: unknown) => typeof field === 'string' && field.length <= DECIMAL_STRING_LENGTH_MAX && DECIMAL_STRING.test(field);
  for (const name of required) {
    if (!isDecimal(value[name])) throw new ContractViolationError(`${name} is ${JSON.stringify(value[name])}, not a decimal string`);
  }
  for (const name of nullable) {
    if (value[name] !== null && !isDecimal(value[name])) throw new ContractViolationError(`${name} is ${JSON.stringify(value[name])}, not a decimal string or null`);
  }
  return value;
}
