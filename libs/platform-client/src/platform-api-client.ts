import { isCurrencyCode } from '@wallet-platform/money';
import { decodeBalanceLimits, type BalanceLimits } from './balance-limits-decoder';
import { decodeBusinessReport, type BusinessReportRow } from './business-report-decoder';
import { decodeGamesList, decodeLobbiesList, type PlatformGame, type PlatformLobby } from './catalog-decoders';
import {
  resolvePlatformApiConfig,
  resolveRequestOptions,
  type PlatformApiConfig,
  type PlatformRequestOptions,
  type ResolvedPlatformApiConfig,
  type ResolvedRequestOptions,
} from './platform-api-config';
import { PLATFORM_API_NAMES, PlatformApiName, platformAuthorizationHeaderFor } from './platform-api-name';
import {
  BALANCE_LIMIT_CURRENCIES_MAX,
  GAMES_RESPONSE_BYTES_MAX,
  HISTORY_ID_LENGTH_MAX,
  PLATFORM_ID_DIGITS_MAX,
  RESPONSE_BYTES_MAX,
  VENDOR_ID_LENGTH_MAX,
} from './platform-client-limits';
import { REAL_RETRY_CLOCK, type OutboundHttpClient } from '@wallet-platform/http-client';
import { getPlatformJson, platformHttpClient, type RetryClock } from './platform-http';
import type { JsonObject, JsonValue } from './platform-json';
import { expectObject, isCalendarDate } from './response-fields';

/** The paths of the platform's operator-facing APIs, relative to PLATFORM_API_HOST. */
export const PlatformApiPath = {
  Games: '/api/generic/games/list/all',
  Lobbies: '/api/generic/lobbies/list/all',
  BusinessReport: '/api/generic/businessReport',
  BalanceLimits: '/api/generic/balanceLimits',
  /** Followed by `/{transaction_id}/{history_id}`. */
  HandHistory: '/api/generic/handHistory',
} as const;

/** Which transaction's hand (round) history to fetch, and from which vendor. */
export interface HandHistoryRequest {
  /** The platform's transaction id (changebalance transaction_id), decimal digits. */
  readonly transactionId: string;
  /** The changebalance call's context.history_id. */
  readonly historyId: string;
  /** The vendor of the game, sent as X-Vendor-Id. */
  readonly vendorId: string;
}

/**
 * The rejection for an argument we refuse before calling (a malformed date, a lowercase currency
 * code): the caller passed it, so it is the caller's bug, never the platform's failure. Every
 * method is async, so it arrives as a rejected promise like any other failure.
 */
export class PlatformApiArgumentError extends RangeError {
  constructor(
    readonly argument: string,
    problem: string,
  ) {
    super(`${argument}: ${problem}`);
    this.name = 'PlatformApiArgumentError';
  }
}

const DIGITS_ID_PATTERN = new RegExp(`^[0-9]{1,${PLATFORM_ID_DIGITS_MAX}}$`);
/** Printable ASCII without spaces: what a header value and a path segment can carry unambiguously. */
const VISIBLE_ASCII_PATTERN = /^[\x21-\x7e]+$/;

/**
 * Our outbound calls to one game platform's operator APIs (catalog, report, limits, hand history).
 * Every call is a GET with X-Operator-Id and X-Authorization = sha1(apiName + operatorId + secret),
 * one deadline per attempt, a bounded body, and bounded retries (the shared outbound HTTP client).
 * Failures are PlatformApiError values; arguments we refuse are PlatformApiArgumentError.
 */
export class PlatformApiClient {
  private readonly config: ResolvedPlatformApiConfig;
  private readonly options: ResolvedRequestOptions;
  /**
   * Each API's header is fixed for a given operator id and secret, so all five are computed once
   * and the secret itself is not kept: it cannot leak from an object that never holds it.
   */
  private readonly authorizationHeaders: ReadonlyMap<PlatformApiName, string>;
  private readonly http: OutboundHttpClient;

  constructor(config: PlatformApiConfig, options: PlatformRequestOptions = {}, clock: RetryClock = REAL_RETRY_CLOCK) {
    this.config = resolvePlatformApiConfig(config);
    this.options = resolveRequestOptions(options);
    this.http = platformHttpClient(this.config.platformId, this.options, clock);
    this.authorizationHeaders = new Map(PLATFORM_API_NAMES.map((name) => [name, platformAuthorizationHeaderFor(name, config.operatorId, config.secretKey)]));
  }

  get platformId(): string {
    return this.config.platformId;
  }

  /** The whole game catalog, disabled games included (that is how we learn a game was switched off). */
  async listGames(): Promise<readonly PlatformGame[]> {
    return this.get(PlatformApiName.Games, `${this.config.apiBaseUrl}${PlatformApiPath.Games}`, GAMES_RESPONSE_BYTES_MAX, decodeGamesList);
  }

  /** Every lobby we may launch with lobby_id. */
  async listLobbies(): Promise<readonly PlatformLobby[]> {
    return this.get(PlatformApiName.Lobbies, `${this.config.apiBaseUrl}${PlatformApiPath.Lobbies}`, RESPONSE_BYTES_MAX, decodeLobbiesList);
  }

  /** The platform's aggregated figures for one day (YYYY-MM-DD), per entity, vendor and currency. */
  async businessReport(date: string): Promise<readonly BusinessReportRow[]> {
    if (!isCalendarDate(date)) {
      throw new PlatformApiArgumentError('date', 'expected a YYYY-MM-DD calendar date');
    }
    const query = new URLSearchParams({ date }).toString();
    return this.get(
      PlatformApiName.BusinessReport,
      `${this.config.apiBaseUrl}${PlatformApiPath.BusinessReport}?${query}`,
      RESPONSE_BYTES_MAX,
      (body) => decodeBusinessReport(body, date),
    );
  }

  /**
   * Our remaining spending allowance on the platform, optionally per currency. The currencies go
   * comma-separated, exactly as the vendor writes them ("GBP,EUR"): every code is [A-Z0-9], so
   * nothing in the list needs percent-encoding, and URLSearchParams would turn the comma into %2C.
   */
  async balanceLimits(currencies: readonly string[] = []): Promise<BalanceLimits> {
    if (currencies.length > BALANCE_LIMIT_CURRENCIES_MAX) {
      throw new PlatformApiArgumentError('currencies', `more than ${BALANCE_LIMIT_CURRENCIES_MAX} currencies`);
    }
    currencies.forEach((code, index) => {
      if (!isCurrencyCode(code)) {
        throw new PlatformApiArgumentError(`currencies[${index}]`, 'expected 3 or 4 characters of [A-Z0-9]');
      }
    });
    const query = currencies.length === 0 ? '' : `?currencies=${currencies.join(',')}`;
    return this.get(PlatformApiName.BalanceLimits, `${this.config.apiBaseUrl}${PlatformApiPath.BalanceLimits}${query}`, RESPONSE_BYTES_MAX, decodeBalanceLimits);
  }

  /**
   * The platform's record of one hand (round), as opaque JSON: `{"success":true,"type":"json"|"url","data":…}`.
   * The spec puts both ids in the path, /api/generic/handHistory/{transaction_id}/{history_id}
   * (not in a query string), and the vendor named in X-Vendor-Id.
   */
  async handHistory(request: HandHistoryRequest): Promise<JsonObject> {
    if (!DIGITS_ID_PATTERN.test(request.transactionId)) {
      throw new PlatformApiArgumentError('transactionId', `expected 1-${PLATFORM_ID_DIGITS_MAX} decimal digits`);
    }
    if (request.historyId.length > HISTORY_ID_LENGTH_MAX || !VISIBLE_ASCII_PATTERN.test(request.historyId)) {
      throw new PlatformApiArgumentError('historyId', `expected 1-${HISTORY_ID_LENGTH_MAX} printable ASCII characters without spaces`);
    }
    if (request.vendorId.length > VENDOR_ID_LENGTH_MAX || !VISIBLE_ASCII_PATTERN.test(request.vendorId)) {
      throw new PlatformApiArgumentError('vendorId', `expected 1-${VENDOR_ID_LENGTH_MAX} printable ASCII characters without spaces`);
    }
    // encodeURIComponent so that a history id with "/" or "?" stays one path segment.
    const url = `${this.config.handHistoryBaseUrl}${PlatformApiPath.HandHistory}/${request.transactionId}/${encodeURIComponent(request.historyId)}`;
    return this.get(PlatformApiName.HandHistory, url, RESPONSE_BYTES_MAX, (body: JsonValue) => expectObject(body, '$'), { 'X-Vendor-Id': request.vendorId });
  }

  private get<T>(call: PlatformApiName, url: string, responseBytesMax: number, decode: (body: JsonValue) => T, extraHeaders: Readonly<Record<string, string>> = {}): Promise<T> {
    const authorization = this.authorizationHeaders.get(call);
    if (authorization === undefined) {
      throw new Error(`invariant: no authorization header computed for ${call}`);
    }
    const headers = { Accept: 'application/json', 'X-Operator-Id': this.config.operatorId, 'X-Authorization': authorization, ...extraHeaders };
    return getPlatformJson(this.http, { platformId: this.config.platformId, call, url, headers, responseBytesMax }, this.options, decode);
  }
}
