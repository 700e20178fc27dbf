import type { ApiErrorBody } from './back-office-api.interface';

/** The API answered, and refused: 4xx or 5xx with its `{"error","message"|"fields"}` body. */
export class BackOfficeApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly httpStatus: number,
    readonly body: ApiErrorBody,
    /** The body exactly as received, for `--json`. */
    readonly bodyText: string,
  ) {
    super(`${method} ${path}: ${httpStatus} ${body.error}${body.message ? `: ${body.message}` : ''}`);
    this.name = 'BackOfficeApiError';
  }

  /** 400 validation_failed: the input must change; retrying the same request cannot help. */
  get isValidationFailure(): boolean {
    return this.httpStatus === 400 && this.body.error === 'validation_failed';
  }

  /** The request may have been applied or not (5xx, including 503 player_busy). */
  get outcomeUnknown(): boolean {
    return this.httpStatus >= 500;
  }
}

export const ApiUnreachableReason = {
  /** No answer within the request timeout: the request may or may not have been applied. */
  Timeout: 'timeout',
  /** Connection refused, DNS, reset: the request may or may not have reached the API. */
  Network: 'network',
  /** An answer that is not the API's (not JSON, too large, a redirect): a proxy or a wrong URL. */
  UnexpectedResponse: 'unexpected_response',
} as const;
export type ApiUnreachableReason = (typeof ApiUnreachableReason)[keyof typeof ApiUnreachableReason];

/** No usable answer from the API. Never carries the API key (it is only ever in a header). */
export class BackOfficeUnreachableError extends Error {
  constructor(
    readonly reason: ApiUnreachableReason,
    readonly method: string,
    readonly path: string,
    detail: string,
  ) {
    super(`${method} ${path}: ${detail}`);
    this.name = 'BackOfficeUnreachableError';
  }
}

/**
 * The API answered 2xx with something its contract rules out (e.g. an amount as a JSON number,
 * which would already have passed through binary floating point). That is a bug on one side or
 * the other: the CLI stops and says so rather than print a plausible wrong value.
 */
export class ContractViolationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolationError';
  }
}
