import { isCurrencyCode, type Money } from '@wallet-platform/money';
import { OutboundHttpClient, OutboundHttpError, Repeatability, type JsonValue, type RetryClock } from '@wallet-platform/http-client';
import { PLATFORM_ID_PATTERN, type AggregatorRegistryPlatform } from '@wallet-platform/platform-registry';
import type { Dispatcher } from 'undici';
import { AggregatorCallName } from './aggregator-call-name';
import {
  API_KEY_LENGTH_MAX,
  BONUS_CODE_LENGTH_MAX,
  CURRENCIES_MAX,
  FREE_ROUNDS_MAX,
  GAMES_RESPONSE_BYTES_MAX,
  HISTORY_PAGES_MAX,
  ID_LENGTH_MAX,
  PAGE_RESPONSE_BYTES_MAX,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  READ_ATTEMPTS_DEFAULT,
  READ_TIMEOUT_MS_DEFAULT,
  RESPONSE_BYTES_MAX,
  RETRY_DELAY_BASE_MS_DEFAULT,
  RETRY_DELAY_MAX_MS_DEFAULT,
  TRANSFER_TIMEOUT_MS_DEFAULT,
  URL_LENGTH_MAX,
} from './aggregator-client-limits';
import {
  decodeBalance,
  decodeDailyReportPage,
  decodeFreeRoundDetails,
  decodeFreeRoundGrant,
  decodeGameLog,
  decodeGames,
  decodeHistoryPage,
  decodeLaunch,
  decodePlayerStatus,
  decodeProviders,
  decodeTransferReceipt,
  type AggregatorBalance,
  type AggregatorDailyReportPage,
  type AggregatorFreeRoundDetails,
  type AggregatorFreeRoundGrant,
  type AggregatorGame,
  type AggregatorGameLog,
  type AggregatorHistoryItem,
  type AggregatorHistoryPage,
  type AggregatorLaunch,
  type AggregatorPlayerStatus,
  type AggregatorProvider,
  type AggregatorTransferReceipt,
} from './aggregator-decoders';
import { decodeAggregatorEnvelope } from './aggregator-envelope';
import { AggregatorErrorCode, aggregatorErrorCodeOf } from './aggregator-error-code';
import {
  AggregatorArgumentError,
  AggregatorBadResponseError,
  AggregatorConfigError,
  AggregatorRefusedError,
  AggregatorShapeError,
  AggregatorUnavailableError,
  AggregatorUsernameTakenError,
} from './aggregator-errors';
import { isRfc3339 } from './aggregator-fields';
import { isAggregatorUsername } from './aggregator-username';

/** One aggregator, configured like the other platforms. */
export interface AggregatorConfig {
  /** Our own name for it (logs, errors, configuration keys). */
  readonly aggregatorId: string;
  /** {{api_url}}: https, or http to loopback only; no query. */
  readonly apiBaseUrl: string;
  /** The externalApiKey; sent as `Authorization: Bearer <key>`, never logged, never kept in plain sight. */
  readonly apiKey: string;
  /** Currencies we play in at this aggregator. */
  readonly currencies: readonly string[];
  readonly limits?: AggregatorLimits;
}

/** Per-aggregator limits; each defaults to the constant of aggregator-client-limits.ts. */
export interface AggregatorLimits {
  readonly readTimeoutMs?: number;
  readonly transferTimeoutMs?: number;
  readonly readAttemptsMax?: number;
  readonly retryDelayBaseMs?: number;
  readonly retryDelayMaxMs?: number;
  readonly pageSizeMax?: number;
}

/**
 * What became of a deposit or withdraw. Never retried: the aggregator takes no transfer id, so a
 * second send could move the money twice.
 * - `applied`: its receipt (tx ids, balances before and after);
 * - `refused`: the aggregator said no (an error code): nothing moved;
 * - `not-sent`: no connection was ever opened: the aggregator cannot have seen it;
 * - `unknown`: it may or may not have been applied (timeout, dropped connection, 5xx, an answer we
 *   cannot read): resolve it from the aggregator's state (transfer-resolution.ts), never by resending.
 */
export type AggregatorTransferOutcome =
  | { readonly outcome: 'applied'; readonly receipt: AggregatorTransferReceipt }
  | { readonly outcome: 'refused'; readonly refusal: AggregatorRefusedError }
  | { readonly outcome: 'not-sent'; readonly reason: string }
  | { readonly outcome: 'unknown'; readonly reason: string };

export interface AggregatorPageRequest {
  readonly username: string;
  readonly gameId?: string;
  readonly roundId?: string;
  /** RFC 3339, or null for no bound. */
  readonly from?: string | null;
  readonly to?: string | null;
  readonly page: number;
  readonly perPage?: number;
}

export type AggregatorGameLogRequest = { readonly historyId: string } | { readonly gameId: string; readonly username: string; readonly roundId: string };

export interface AggregatorLaunchRequest {
  readonly username: string;
  readonly gameId: string;
  readonly isMobile: boolean;
  readonly lang: string;
  readonly currency: string;
  readonly playerIp?: string;
  readonly lobbyUrl?: string;
  readonly cashierUrl?: string;
}

export interface AggregatorFreeRoundRequest {
  readonly currency: string;
  readonly bonusCode: string;
  readonly username: string;
  readonly gameId: string;
  readonly from: string;
  readonly to: string;
  readonly rounds: number;
  /** Decimal string per game. */
  readonly betAmount: string;
}

export interface AggregatorFreeRoundQuery {
  readonly currency: string;
  readonly username: string;
  readonly gameId?: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AggregatorCancelFreeRoundRequest {
  readonly currency: string;
  readonly username: string;
  readonly gameId?: string;
  readonly freeRoundId: string;
  readonly freeRoundCode: string;
}

/** createPlayer's result: made now, or found to exist already under our agent (a lost answer earlier, another instance). */
export type AggregatorPlayerEnsured = { readonly created: boolean; readonly status: AggregatorPlayerStatus | null };

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
const ID_PATTERN = /^[\x21-\x7e]+$/;

/**
 * Every call of the transfer-wallet aggregator's External API v1.3.0: POST JSON with
 * `Authorization: Bearer <key>`, the envelope decoded once (aggregator-envelope.ts), reads retried
 * within their bounds, deposit and withdraw sent exactly once and answered as an outcome.
 */
export class AggregatorClient {
  readonly aggregatorId: string;
  readonly currencies: readonly string[];
  private readonly baseUrl: string;
  /** Private (#): not enumerable, not shown by util.inspect or JSON.stringify. */
  readonly #authorization: string;
  private readonly http: OutboundHttpClient;
  private readonly readTimeoutMs: number;
  /** One deposit or withdraw call's deadline (the resolver waits past it before reading state). */
  readonly transferTimeoutMs: number;
  /** The largest perPage this aggregator is asked for (limits.pageSizeMax). */
  readonly pageSizeMax: number;

  /** The client of one aggregator of the platform registry (its `platformId` is our aggregator id). */
  static fromRegistry(entry: AggregatorRegistryPlatform, seams: { readonly clock?: RetryClock; readonly dispatcher?: Dispatcher } = {}): AggregatorClient {
    const config: AggregatorConfig = { aggregatorId: entry.platformId, apiBaseUrl: entry.api.baseUrl, apiKey: entry.api.apiKey.reveal(), currencies: entry.currencies };
    return new AggregatorClient(entry.limits === undefined ? config : { ...config, limits: entry.limits }, seams);
  }

  constructor(config: AggregatorConfig, seams: { readonly clock?: RetryClock; readonly dispatcher?: Dispatcher } = {}) {
    if (!PLATFORM_ID_PATTERN.test(config.aggregatorId)) {
      throw new AggregatorConfigError('aggregatorId', 'must be 1-40 characters of [a-z0-9-] (a platform id of the registry)');
    }
    this.aggregatorId = config.aggregatorId;
    this.baseUrl = normalizeBaseUrl(config.apiBaseUrl);
    if (config.apiKey.length === 0 || config.apiKey.length > API_KEY_LENGTH_MAX || !/^[\x21-\x7e]+$/.test(config.apiKey)) {
      throw new AggregatorConfigError('apiKey', `must be 1-${API_KEY_LENGTH_MAX} printable ASCII characters`);
    }
    this.#authorization = `Bearer ${config.apiKey}`;
    if (config.currencies.length === 0 || config.currencies.length > CURRENCIES_MAX || !config.currencies.every(isCurrencyCode)) {
      throw new AggregatorConfigError('currencies', `must be 1-${CURRENCIES_MAX} currency codes`);
    }
    this.currencies = [...config.currencies];
    const limits = config.limits ?? {};
    this.readTimeoutMs = limits.readTimeoutMs ?? READ_TIMEOUT_MS_DEFAULT;
    this.transferTimeoutMs = limits.transferTimeoutMs ?? TRANSFER_TIMEOUT_MS_DEFAULT;
    this.pageSizeMax = limits.pageSizeMax ?? PAGE_SIZE_MAX;
    if (!Number.isSafeInteger(this.pageSizeMax) || this.pageSizeMax < 1 || this.pageSizeMax > PAGE_SIZE_MAX) {
      throw new AggregatorConfigError('limits.pageSizeMax', `must be an integer from 1 to ${PAGE_SIZE_MAX}`);
    }
    try {
      this.http = new OutboundHttpClient({
        remoteId: `aggregator:${config.aggregatorId}`,
        retryPolicy: {
          attemptsMax: limits.readAttemptsMax ?? READ_ATTEMPTS_DEFAULT,
          retryDelayBaseMs: limits.retryDelayBaseMs ?? RETRY_DELAY_BASE_MS_DEFAULT,
          retryDelayMaxMs: limits.retryDelayMaxMs ?? RETRY_DELAY_MAX_MS_DEFAULT,
        },
        ...(seams.clock === undefined ? {} : { clock: seams.clock }),
        ...(seams.dispatcher === undefined ? {} : { dispatcher: seams.dispatcher }),
      });
    } catch (error) {
      throw new AggregatorConfigError('limits', error instanceof Error ? error.message : String(error));
    }
  }

  // ---- players ----

  async createPlayer(username: string): Promise<void> {
    await this.read(AggregatorCallName.CreatePlayer, { username: checkUsername(username) }, RESPONSE_BYTES_MAX, () => undefined, Repeatability.Never);
  }

  /**
   * Creates our player, or finds it there already: an "unavailable" answer for a name we derive
   * ourselves usually means our own earlier createPlayer succeeded and its answer was lost. That is
   * checked with getPlayerStatus, never assumed: a name our agent does not know is someone else's.
   */
  async ensurePlayer(username: string): Promise<AggregatorPlayerEnsured> {
    try {
      await this.createPlayer(username);
      return { created: true, status: null };
    } catch (error) {
      if (!(error instanceof AggregatorRefusedError) || error.code !== AggregatorErrorCode.PlayerUsernameUnavailable) {
        throw error;
      }
    }
    try {
      const status = await this.getPlayerStatus(username);
      if (status.username !== username) {
        throw new AggregatorUsernameTakenError(this.aggregatorId, username);
      }
      return { created: false, status };
    } catch (error) {
      if (error instanceof AggregatorRefusedError && (error.code === AggregatorErrorCode.PlayerNotFound || error.code === AggregatorErrorCode.AgentNotUnder)) {
        throw new AggregatorUsernameTakenError(this.aggregatorId, username);
      }
      throw error;
    }
  }

  async getPlayerBalance(username: string, currency: string): Promise<AggregatorBalance> {
    return this.read(AggregatorCallName.GetPlayerBalance, { username: checkUsername(username), currency: this.checkCurrency(currency) }, RESPONSE_BYTES_MAX, decodeBalance);
  }

  async getPlayerStatus(username: string): Promise<AggregatorPlayerStatus> {
    return this.read(AggregatorCallName.GetPlayerStatus, { username: checkUsername(username) }, RESPONSE_BYTES_MAX, decodePlayerStatus);
  }

  // ---- catalog and launch ----

  async games(query = ''): Promise<readonly AggregatorGame[]> {
    return this.read(AggregatorCallName.Games, { query: checkText('query', query, 255, true) }, GAMES_RESPONSE_BYTES_MAX, decodeGames);
  }

  async providers(): Promise<readonly AggregatorProvider[]> {
    return this.read(AggregatorCallName.Providers, {}, RESPONSE_BYTES_MAX, decodeProviders);
  }

  /** A launch creates a game session: not repeated (a second session could void the first). */
  async launchGame(request: AggregatorLaunchRequest): Promise<AggregatorLaunch> {
    const body: Record<string, unknown> = {
      username: checkUsername(request.username),
      isMobile: request.isMobile,
      gameId: checkId('gameId', request.gameId),
      lang: checkText('lang', request.lang, 16),
      currency: this.checkCurrency(request.currency),
    };
    if (request.playerIp !== undefined) body['playerIp'] = checkText('playerIp', request.playerIp, 45);
    if (request.lobbyUrl !== undefined) body['lobbyUrl'] = checkUrl('lobbyUrl', request.lobbyUrl);
    if (request.cashierUrl !== undefined) body['cashierUrl'] = checkUrl('cashierUrl', request.cashierUrl);
    return this.read(AggregatorCallName.LaunchGame, body, RESPONSE_BYTES_MAX, decodeLaunch, Repeatability.Never);
  }

  // ---- transfers ----

  async deposit(username: string, amount: Money): Promise<AggregatorTransferOutcome> {
    return this.transfer(AggregatorCallName.Deposit, username, amount);
  }

  async withdraw(username: string, amount: Money): Promise<AggregatorTransferOutcome> {
    return this.transfer(AggregatorCallName.Withdraw, username, amount);
  }

  // ---- history, report, logs ----

  async history(request: AggregatorPageRequest): Promise<AggregatorHistoryPage> {
    return this.read(AggregatorCallName.History, this.pageBody(request), PAGE_RESPONSE_BYTES_MAX, decodeHistoryPage);
  }

  /** Every page from `request.page` on, at most HISTORY_PAGES_MAX; `complete` is false when the bound stopped the walk. */
  async allHistory(request: Omit<AggregatorPageRequest, 'page'>): Promise<{ readonly items: readonly (AggregatorHistoryItem & { readonly groupCurrency: string })[]; readonly complete: boolean }> {
    const items: (AggregatorHistoryItem & { readonly groupCurrency: string })[] = [];
    for (let page = 1; page <= HISTORY_PAGES_MAX; page++) {
      const answer = await this.history({ ...request, page });
      for (const group of answer.currencyGroups) {
        for (const item of group.items) {
          items.push({ ...item, groupCurrency: group.currency });
        }
      }
      if (!answer.paging.hasNext) {
        return { items, complete: true };
      }
    }
    return { items, complete: false };
  }

  async playerDailyReport(request: AggregatorPageRequest): Promise<AggregatorDailyReportPage> {
    return this.read(AggregatorCallName.PlayerDailyReport, this.pageBody(request), PAGE_RESPONSE_BYTES_MAX, decodeDailyReportPage);
  }

  async gameLogs(request: AggregatorGameLogRequest): Promise<AggregatorGameLog> {
    const body =
      'historyId' in request
        ? { historyId: checkId('historyId', request.historyId) }
        : { gameId: checkId('gameId', request.gameId), username: checkUsername(request.username), roundId: checkId('roundId', request.roundId) };
    return this.read(AggregatorCallName.GameLogs, body, PAGE_RESPONSE_BYTES_MAX, decodeGameLog);
  }

  // ---- free rounds ----

  /** Not repeated: the bonus code makes it unique at the provider, but the document does not say a repeat is harmless. */
  async freeRound(request: AggregatorFreeRoundRequest): Promise<AggregatorFreeRoundGrant> {
    if (!Number.isSafeInteger(request.rounds) || request.rounds < 1 || request.rounds > FREE_ROUNDS_MAX) {
      throw new AggregatorArgumentError('rounds', `expected an integer from 1 to ${FREE_ROUNDS_MAX}`);
    }
    if (!/^(0|[1-9][0-9]*)(\.[0-9]{1,8})?$/.test(request.betAmount) || /^0(\.0+)?$/.test(request.betAmount)) {
      throw new AggregatorArgumentError('betAmount', 'expected a positive decimal string');
    }
    const body = {
      currency: this.checkCurrency(request.currency),
      bonusCode: checkText('bonusCode', request.bonusCode, BONUS_CODE_LENGTH_MAX),
      username: checkUsername(request.username),
      gameId: checkId('gameId', request.gameId),
      from: checkTime('from', request.from),
      to: checkTime('to', request.to),
      rounds: request.rounds,
      betAmount: request.betAmount,
    };
    return this.read(AggregatorCallName.FreeRound, body, RESPONSE_BYTES_MAX, decodeFreeRoundGrant, Repeatability.Never);
  }

  async getFreeRound(query: AggregatorFreeRoundQuery): Promise<AggregatorFreeRoundDetails> {
    const body: Record<string, unknown> = { currency: this.checkCurrency(query.currency), username: checkUsername(query.username) };
    if (query.gameId !== undefined) body['gameId'] = checkId('gameId', query.gameId);
    if (query.from !== undefined) body['from'] = checkTime('from', query.from);
    if (query.to !== undefined) body['to'] = checkTime('to', query.to);
    return this.read(AggregatorCallName.GetFreeRound, body, PAGE_RESPONSE_BYTES_MAX, decodeFreeRoundDetails);
  }

  /** Cancelling twice leaves it cancelled: safe to repeat. */
  async cancelFreeRound(request: AggregatorCancelFreeRoundRequest): Promise<void> {
    const body: Record<string, unknown> = {
      currency: this.checkCurrency(request.currency),
      username: checkUsername(request.username),
      freeRoundId: checkId('freeRoundId', request.freeRoundId),
      freeRoundCode: checkId('freeRoundCode', request.freeRoundCode),
    };
    if (request.gameId !== undefined) body['gameId'] = checkId('gameId', request.gameId);
    await this.read(AggregatorCallName.CancelFreeRound, body, RESPONSE_BYTES_MAX, () => undefined);
  }

  // ---- plumbing ----

  private pageBody(request: AggregatorPageRequest): Record<string, unknown> {
    const perPage = request.perPage ?? PAGE_SIZE_DEFAULT;
    if (!Number.isSafeInteger(perPage) || perPage < 1 || perPage > this.pageSizeMax) {
      throw new AggregatorArgumentError('perPage', `expected an integer from 1 to ${this.pageSizeMax}`);
    }
    if (!Number.isSafeInteger(request.page) || request.page < 1 || request.page > HISTORY_PAGES_MAX * 100) {
      throw new AggregatorArgumentError('page', 'expected a positive integer');
    }
    return {
      username: checkUsername(request.username),
      gameId: request.gameId === undefined ? '' : checkId('gameId', request.gameId),
      roundId: request.roundId === undefined ? '' : checkId('roundId', request.roundId),
      from: request.from === undefined || request.from === null ? null : checkTime('from', request.from),
      to: request.to === undefined || request.to === null ? null : checkTime('to', request.to),
      paginate: { page: request.page, perPage },
    };
  }

  private checkCurrency(currency: string): string {
    if (!this.currencies.includes(currency)) {
      throw new AggregatorArgumentError('currency', `${JSON.stringify(currency)} is not configured for aggregator ${this.aggregatorId}`);
    }
    return currency;
  }

  private async post(call: AggregatorCallName, body: Record<string, unknown>, responseBytesMax: number, repeatability: Repeatability, timeoutMs: number): Promise<JsonValue> {
    const { json } = await this.http.sendForJson({
      call,
      method: 'POST',
      url: `${this.baseUrl}/${call}`,
      headers: { Authorization: this.#authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
      // Every value we send is a string, a boolean, null or a safe integer: JSON.stringify is exact.
      body: JSON.stringify(body),
      timeoutMs,
      responseBytesMax,
      repeatability,
      // The aggregator may put its error envelope on a 4xx; a 5xx is never read as an answer.
      readsBodyOfStatus: (status) => status >= 200 && status <= 499,
    });
    return json;
  }

  private async read<T>(
    call: AggregatorCallName,
    body: Record<string, unknown>,
    responseBytesMax: number,
    decode: (result: JsonValue) => T,
    repeatability: Repeatability = Repeatability.SafeToRepeat,
  ): Promise<T> {
    let json: JsonValue;
    try {
      json = await this.post(call, body, responseBytesMax, repeatability, this.readTimeoutMs);
    } catch (error) {
      if (error instanceof OutboundHttpError) {
        throw error.kind === 'bad-json' ? new AggregatorBadResponseError(this.aggregatorId, call, '$', error.reason) : new AggregatorUnavailableError(this.aggregatorId, call, error);
      }
      throw error;
    }
    try {
      const envelope = decodeAggregatorEnvelope(json);
      if (!envelope.ok) {
        throw this.refusal(call, envelope.codeText, envelope.message);
      }
      return decode(envelope.result);
    } catch (error) {
      if (error instanceof AggregatorShapeError) {
        throw new AggregatorBadResponseError(this.aggregatorId, call, error.path, error.problem);
      }
      throw error;
    }
  }

  private async transfer(call: typeof AggregatorCallName.Deposit | typeof AggregatorCallName.Withdraw, username: string, amount: Money): Promise<AggregatorTransferOutcome> {
    checkUsername(username);
    this.checkCurrency(amount.currencyCode);
    if (!amount.isPositive()) {
      throw new AggregatorArgumentError('amount', 'must be positive');
    }
    let json: JsonValue;
    try {
      json = await this.post(call, { username, amount: amount.toDecimalString(), currency: amount.currencyCode }, RESPONSE_BYTES_MAX, Repeatability.Never, this.transferTimeoutMs);
    } catch (error) {
      if (error instanceof OutboundHttpError) {
        return error.requestMayHaveArrived ? { outcome: 'unknown', reason: error.message } : { outcome: 'not-sent', reason: error.message };
      }
      throw error;
    }
    try {
      const envelope = decodeAggregatorEnvelope(json);
      if (!envelope.ok) {
        return { outcome: 'refused', refusal: this.refusal(call, envelope.codeText, envelope.message) };
      }
      return { outcome: 'applied', receipt: decodeTransferReceipt(envelope.result) };
    } catch (error) {
      if (error instanceof AggregatorShapeError) {
        // It may well have been applied (ok:true with a receipt we cannot read): resolve, never assume.
        return { outcome: 'unknown', reason: new AggregatorBadResponseError(this.aggregatorId, call, error.path, error.problem).message };
      }
      throw error;
    }
  }

  private refusal(call: AggregatorCallName, codeText: string | undefined, message: string): AggregatorRefusedError {
    return new AggregatorRefusedError(this.aggregatorId, call, aggregatorErrorCodeOf(codeText), codeText ?? AggregatorErrorCode.Unlisted, message);
  }
}

function checkUsername(username: string): string {
  if (!isAggregatorUsername(username)) {
    throw new AggregatorArgumentError('username', 'expected 4-30 lowercase letters or digits');
  }
  return username;
}

function checkId(field: string, value: string): string {
  if (value.length > ID_LENGTH_MAX || !ID_PATTERN.test(value)) {
    throw new AggregatorArgumentError(field, `expected 1-${ID_LENGTH_MAX} printable ASCII characters without spaces`);
  }
  return value;
}

function checkText(field: string, value: string, lengthMax: number, allowEmpty = false): string {
  if (value.length > lengthMax || (!allowEmpty && value.length === 0)) {
    throw new AggregatorArgumentError(field, `expected ${allowEmpty ? 'at most' : '1 to'} ${lengthMax} characters`);
  }
  return value;
}

function checkTime(field: string, value: string): string {
  if (!isRfc3339(value)) {
    throw new AggregatorArgumentError(field, 'expected an RFC 3339 time');
  }
  return value;
}

function checkUrl(field: string, value: string): string {
  if (value.length > URL_LENGTH_MAX || !/^https?:\/\/[^\s]+$/.test(value)) {
    throw new AggregatorArgumentError(field, 'expected an absolute http(s) URL');
  }
  return value;
}

/** https only (the key is a bearer credential), http to loopback for tests; no credentials, query or fragment. */
function normalizeBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AggregatorConfigError('apiBaseUrl', 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname))) {
    throw new AggregatorConfigError('apiBaseUrl', 'must use https (plain http is allowed to loopback only)');
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    throw new AggregatorConfigError('apiBaseUrl', 'must not carry credentials, a query or a fragment');
  }
  return url.href.replace(/\/+$/, '');
}
