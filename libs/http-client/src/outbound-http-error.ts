/**
 * Why an outbound call produced no usable answer, as a value the caller can switch on:
 * - `timeout`: the attempt passed its deadline (connect, headers or body);
 * - `connection`: no HTTP answer at all (refused, reset, DNS, cut short);
 * - `http-status`: the remote answered with a status the caller does not read;
 * - `body-too-large`: the answer was bigger than the call's bound (the transfer is stopped there);
 * - `bad-json`: an accepted answer that is not JSON we accept (UTF-8, depth, syntax, `__proto__`).
 */
export const OutboundHttpErrorKind = {
  Timeout: 'timeout',
  Connection: 'connection',
  HttpStatus: 'http-status',
  BodyTooLarge: 'body-too-large',
  BadJson: 'bad-json',
} as const;
export type OutboundHttpErrorKind = (typeof OutboundHttpErrorKind)[keyof typeof OutboundHttpErrorKind];

export interface OutboundHttpErrorDetails {
  readonly remoteId: string;
  readonly call: string;
  readonly kind: OutboundHttpErrorKind;
  /** Set for `http-status` only. */
  readonly httpStatus?: number;
  /** Attempts made, including the one that failed (1 when the failure was not retried). */
  readonly attempts: number;
  /**
   * False only when no connection was ever opened on the last attempt (refused, unknown host,
   * connect timeout): the remote cannot have seen that request. True whenever bytes may have
   * left, even if no answer came back: for a call that moves money that is an unknown outcome.
   */
  readonly requestMayHaveArrived: boolean;
  /** What went wrong, without the remote or call name (the message adds them). */
  readonly reason: string;
  readonly cause?: unknown;
}

/**
 * An outbound call that did not produce a usable answer. An operating error (the remote is down,
 * slow or wrong), not a bug. The message names the remote and the call, never the URL or the
 * headers: those carry credentials (Authorization, signed headers) that must not reach a log.
 */
export class OutboundHttpError extends Error {
  readonly remoteId: string;
  readonly call: string;
  readonly kind: OutboundHttpErrorKind;
  readonly httpStatus?: number;
  readonly attempts: number;
  readonly requestMayHaveArrived: boolean;
  readonly reason: string;

  constructor(details: OutboundHttpErrorDetails) {
    super(
      `${details.remoteId}: ${details.call} failed (${details.kind}) after ${details.attempts} attempt${details.attempts === 1 ? '' : 's'}: ${details.reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'OutboundHttpError';
    this.remoteId = details.remoteId;
    this.call = details.call;
    this.kind = details.kind;
    if (details.httpStatus !== undefined) {
      this.httpStatus = details.httpStatus;
    }
    this.attempts = details.attempts;
    this.requestMayHaveArrived = details.requestMayHaveArrived;
    this.reason = details.reason;
  }
}

/** A request that can never be sent as given (a timeout of 0, a body over the bound): the caller's bug. */
export class OutboundHttpUsageError extends RangeError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`outbound HTTP request: ${field} ${problem}`);
    this.name = 'OutboundHttpUsageError';
  }
}
