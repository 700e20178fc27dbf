import { PlatformClientConfigError } from './platform-api-error';
import {
  ATTEMPTS_DEFAULT,
  ATTEMPTS_MAX,
  BASE_URL_LENGTH_MAX,
  OPERATOR_ID_LENGTH_MAX,
  PLATFORM_ID_LENGTH_MAX,
  REQUEST_TIMEOUT_MS_DEFAULT,
  REQUEST_TIMEOUT_MS_MAX,
  REQUEST_TIMEOUT_MS_MIN,
  RETRY_DELAY_BASE_MS_DEFAULT,
  RETRY_DELAY_MAX_MS_DEFAULT,
  RETRY_DELAY_MS_LIMIT,
} from './platform-client-limits';

/** Who we are to one platform, and where its API lives. One client per platform. */
export interface PlatformApiConfig {
  /** Our own name for the platform; it appears in every error message. */
  readonly platformId: string;
  /** PLATFORM_API_HOST, e.g. "https://api-host.com" (a path prefix is allowed, no query). */
  readonly apiBaseUrl: string;
  /** The operator_id the platform assigned to us (spec: STRING 20). */
  readonly operatorId: string;
  /** The shared secret; only its sha1 digests ever leave the process. */
  readonly secretKey: string;
  /**
   * The vendor's own hand-history example is served from another host
   * ("handhistory.api-host.com"), so it can be configured apart. Defaults to `apiBaseUrl`.
   */
  readonly handHistoryBaseUrl?: string;
}

/** How hard to try. Every field is bounded; see platform-client-limits.ts for the defaults. */
export interface PlatformRequestOptions {
  /** Deadline of one attempt, from sending the request to the last byte of the body. */
  readonly timeoutMs?: number;
  /** Attempts per call, the first included. 1 disables retries. */
  readonly attemptsMax?: number;
  readonly retryDelayBaseMs?: number;
  readonly retryDelayMaxMs?: number;
}

export interface ResolvedRequestOptions {
  readonly timeoutMs: number;
  readonly attemptsMax: number;
  readonly retryDelayBaseMs: number;
  readonly retryDelayMaxMs: number;
}

export function resolveRequestOptions(options: PlatformRequestOptions): ResolvedRequestOptions {
  const timeoutMs = boundedInteger('timeoutMs', options.timeoutMs ?? REQUEST_TIMEOUT_MS_DEFAULT, REQUEST_TIMEOUT_MS_MIN, REQUEST_TIMEOUT_MS_MAX);
  const attemptsMax = boundedInteger('attemptsMax', options.attemptsMax ?? ATTEMPTS_DEFAULT, 1, ATTEMPTS_MAX);
  const retryDelayBaseMs = boundedInteger('retryDelayBaseMs', options.retryDelayBaseMs ?? RETRY_DELAY_BASE_MS_DEFAULT, 0, RETRY_DELAY_MS_LIMIT);
  const retryDelayMaxMs = boundedInteger('retryDelayMaxMs', options.retryDelayMaxMs ?? RETRY_DELAY_MAX_MS_DEFAULT, 0, RETRY_DELAY_MS_LIMIT);
  if (retryDelayMaxMs < retryDelayBaseMs) {
    throw new PlatformClientConfigError('retryDelayMaxMs', `must not be below retryDelayBaseMs (${retryDelayBaseMs})`);
  }
  return { timeoutMs, attemptsMax, retryDelayBaseMs, retryDelayMaxMs };
}

export interface ResolvedPlatformApiConfig {
  readonly platformId: string;
  readonly operatorId: string;
  /** Normalized: no trailing slash, so `${base}/api/generic/…` is always one slash. */
  readonly apiBaseUrl: string;
  readonly handHistoryBaseUrl: string;
}

/** Checks everything that can be checked before the first call; the secret is checked, not kept. */
export function resolvePlatformApiConfig(config: PlatformApiConfig): ResolvedPlatformApiConfig {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(config.platformId) || config.platformId.length > PLATFORM_ID_LENGTH_MAX) {
    throw new PlatformClientConfigError('platformId', `must be 1-${PLATFORM_ID_LENGTH_MAX} characters of [A-Za-z0-9_.-]`);
  }
  // Control characters or "|" would corrupt the header or the vendor's own concatenations.
  if (config.operatorId.length === 0 || config.operatorId.length > OPERATOR_ID_LENGTH_MAX || !/^[\x21-\x7e]+$/.test(config.operatorId) || config.operatorId.includes('|')) {
    throw new PlatformClientConfigError('operatorId', `must be 1-${OPERATOR_ID_LENGTH_MAX} printable ASCII characters without "|"`);
  }
  if (config.secretKey.length === 0) {
    throw new PlatformClientConfigError('secretKey', 'must not be empty');
  }
  const apiBaseUrl = normalizeBaseUrl('apiBaseUrl', config.apiBaseUrl);
  const handHistoryBaseUrl = config.handHistoryBaseUrl === undefined ? apiBaseUrl : normalizeBaseUrl('handHistoryBaseUrl', config.handHistoryBaseUrl);
  return { platformId: config.platformId, operatorId: config.operatorId, apiBaseUrl, handHistoryBaseUrl };
}

const LOOPBACK_HOSTNAMES: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * HTTPS only, because X-Authorization is a fixed, replayable credential (and a launch URL carries
 * the player's token): anyone who sees one can use it. Plain HTTP is allowed to loopback alone,
 * for tests and the local stack, where the bytes never leave the machine.
 * Answers what is wrong with `text` as a base URL, or null when nothing is.
 */
export function baseUrlProblem(text: string): string | null {
  if (text.length > BASE_URL_LENGTH_MAX) {
    return `is longer than ${BASE_URL_LENGTH_MAX} characters`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTNAMES.has(url.hostname))) {
    return 'must use https (plain http is allowed to loopback only)';
  }
  if (url.username !== '' || url.password !== '') {
    return 'must not carry credentials';
  }
  if (url.search !== '' || url.hash !== '' || text.includes('?') || text.includes('#')) {
    return 'must not have a query or a fragment';
  }
  return null;
}

/** The base URL without trailing slashes, so `${base}/api/generic/…` always has exactly one. */
export function normalizeBaseUrl(field: string, text: string): string {
  const problem = baseUrlProblem(text);
  if (problem !== null) {
    throw new PlatformClientConfigError(field, problem);
  }
  return new URL(text).href.replace(/\/+$/, '');
}

function boundedInteger(field: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new PlatformClientConfigError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
