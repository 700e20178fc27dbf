import type { PlatformApiName } from './platform-api-name';

/**
 * Why a call failed, as a value the caller can switch on:
 * - `timeout`: an attempt passed its deadline (headers or body);
 * - `network`: no HTTP answer at all (refused, reset, DNS);
 * - `http-status`: the platform answered with a status other than 2xx;
 * - `bad-response`: a 2xx answer we cannot accept (too large, not JSON, wrong shape).
 */
export const PlatformApiErrorKind = {
  Timeout: 'timeout',
  Network: 'network',
  HttpStatus: 'http-status',
  BadResponse: 'bad-response',
} as const;
export type PlatformApiErrorKind = (typeof PlatformApiErrorKind)[keyof typeof PlatformApiErrorKind];

export interface PlatformApiErrorDetails {
  readonly platformId: string;
  readonly call: PlatformApiName;
  readonly kind: PlatformApiErrorKind;
  /** Set for `http-status` only. */
  readonly httpStatus?: number;
  /** Attempts made, including the one that failed (1 when the failure was not retryable). */
  readonly attempts: number;
  /** What went wrong, without the platform or call name (the message adds them). */
  readonly reason: string;
  readonly cause?: unknown;
}

/**
 * A platform call that did not produce a usable answer. This is an operating error (the platform
 * is down, slow or wrong), not a bug: callers log it and try again later.
 *
 * The message names the platform and the call but never the request headers: X-Authorization is
 * a replayable credential derived from the secret, so it must not reach a log line.
 */
export class PlatformApiError extends Error {
  readonly platformId: string;
  readonly call: PlatformApiName;
  readonly kind: PlatformApiErrorKind;
  readonly httpStatus?: number;
  readonly attempts: number;
  readonly reason: string;

  constructor(details: PlatformApiErrorDetails) {
    super(
      `platform ${JSON.stringify(details.platformId)}: ${details.call} failed (${details.kind}) after ` +
        `${details.attempts} attempt${details.attempts === 1 ? '' : 's'}: ${details.reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'PlatformApiError';
    this.platformId = details.platformId;
    this.call = details.call;
    this.kind = details.kind;
    if (details.httpStatus !== undefined) {
      this.httpStatus = details.httpStatus;
    }
    this.attempts = details.attempts;
    this.reason = details.reason;
  }
}

/**
 * A configuration that can never work (no operator id, a base URL with a query string, a timeout
 * of zero). Thrown when the client is built, so a bad deployment fails at start-up, not at 3 a.m.
 */
export class PlatformClientConfigError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`platform client configuration: ${field} ${problem}`);
    this.name = 'PlatformClientConfigError';
  }
}
