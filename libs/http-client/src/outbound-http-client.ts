import { Agent, request, type Dispatcher } from 'undici';
import { CALL_TIMEOUT_MS_MAX, CALL_TIMEOUT_MS_MIN, CONNECTIONS_PER_REMOTE_MAX, REMOTE_ID_LENGTH_MAX, REQUEST_BYTES_MAX, RESPONSE_BYTES_MAX_LIMIT } from './http-client-limits';
import { parseLosslessJsonBody, type JsonValue } from './lossless-json-body';
import { OutboundHttpError, OutboundHttpErrorKind, OutboundHttpUsageError } from './outbound-http-error';
import { isRetryableHttpStatus, REAL_RETRY_CLOCK, Repeatability, retryDelayMs, retryPolicyProblem, type RetryClock, type RetryPolicy } from './retry-policy';

export type OutboundHttpMethod = 'GET' | 'POST';

/** One call as its vendor client describes it. Every bound is the caller's to choose, within http-client-limits.ts. */
export interface OutboundRequest {
  /** The call's name in errors ("games", "deposit"); never the URL, which may carry credentials. */
  readonly call: string;
  readonly method: OutboundHttpMethod;
  /** Absolute http(s) URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** UTF-8 text (a JSON document), at most REQUEST_BYTES_MAX bytes. */
  readonly body?: string;
  /** Deadline of one attempt, from opening the connection to the last byte of the body. */
  readonly timeoutMs: number;
  /** Largest body read; one byte more stops the transfer. Inclusive. */
  readonly responseBytesMax: number;
  /** Declared by the caller: only a call safe to repeat is ever sent twice. */
  readonly repeatability: Repeatability;
  /**
   * Statuses whose body the caller reads (a vendor that answers its own error envelope with a
   * 4xx). Default: 2xx only. Any other status is an `http-status` error and its body is dropped.
   */
  readonly readsBodyOfStatus?: (httpStatus: number) => boolean;
}

export interface OutboundResponse {
  readonly httpStatus: number;
  readonly body: Uint8Array;
  /** Attempts made, the successful one included. */
  readonly attempts: number;
}

export interface OutboundJsonResponse {
  readonly httpStatus: number;
  /** Parsed losslessly: numbers keep their literal text (see lossless-json-body.ts). */
  readonly json: JsonValue;
  readonly attempts: number;
}

export interface OutboundHttpClientOptions {
  /** Our own name for the remote (a platform id, an aggregator id): it starts every error message. */
  readonly remoteId: string;
  /** Applies to calls marked safe to repeat; the others get exactly one attempt. */
  readonly retryPolicy: RetryPolicy;
  readonly clock?: RetryClock;
  /** Tests may pass their own; production shares one bounded connection pool per process. */
  readonly dispatcher?: Dispatcher;
}

type AttemptOutcome =
  | { readonly ok: true; readonly httpStatus: number; readonly body: Uint8Array }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly kind: OutboundHttpErrorKind;
      readonly requestMayHaveArrived: boolean;
      readonly httpStatus?: number;
      readonly reason: string;
      readonly cause?: unknown;
    };

/**
 * Error codes meaning the connection was never established, so the request cannot have reached
 * the remote. Anything else (a reset, a socket closed mid-answer, a timeout) may have arrived.
 */
const NOT_CONNECTED_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const TIMEOUT_CODES: ReadonlySet<string> = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

let sharedDispatcher: Dispatcher | undefined;

/**
 * One process-wide pool (undici keeps one per origin inside it), bounded per remote. Never
 * follows redirects: a 3xx would carry our credentials to whatever host its Location names.
 */
function defaultDispatcher(): Dispatcher {
  sharedDispatcher ??= new Agent({ connections: CONNECTIONS_PER_REMOTE_MAX, keepAliveTimeout: 4_000, keepAliveMaxTimeout: 10_000 });
  return sharedDispatcher;
}

const isSuccessStatus = (httpStatus: number): boolean => httpStatus >= 200 && httpStatus <= 299;

/**
 * Our one outbound HTTP client, on undici: one deadline per attempt covering headers and body,
 * a hard cap on the body, bounded retries with jittered backoff for calls the caller marked safe
 * to repeat, and typed errors (OutboundHttpError) naming the remote and the call.
 * It never logs; its errors never hold a URL or a header, so a credential cannot leak through them.
 */
export class OutboundHttpClient {
  readonly remoteId: string;
  private readonly retryPolicy: RetryPolicy;
  private readonly clock: RetryClock;
  private readonly dispatcher: Dispatcher;

  constructor(options: OutboundHttpClientOptions) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(options.remoteId) || options.remoteId.length > REMOTE_ID_LENGTH_MAX) {
      throw new OutboundHttpUsageError('remoteId', `must be 1-${REMOTE_ID_LENGTH_MAX} characters of [A-Za-z0-9_.:-]`);
    }
    const problem = retryPolicyProblem(options.retryPolicy);
    if (problem !== null) {
      throw new OutboundHttpUsageError('retryPolicy', problem);
    }
    this.remoteId = options.remoteId;
    this.retryPolicy = options.retryPolicy;
    this.clock = options.clock ?? REAL_RETRY_CLOCK;
    this.dispatcher = options.dispatcher ?? defaultDispatcher();
  }

  /** Sends the call (again only if it is safe to repeat and the failure is transient) and answers its bounded body. */
  async send(outbound: OutboundRequest): Promise<OutboundResponse> {
    checkRequest(outbound);
    const attemptsMax = outbound.repeatability === Repeatability.SafeToRepeat ? this.retryPolicy.attemptsMax : 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attemptOnce(outbound);
      if (outcome.ok) {
        return { httpStatus: outcome.httpStatus, body: outcome.body, attempts: attempt };
      }
      if (!outcome.retryable || attempt >= attemptsMax) {
        throw new OutboundHttpError({
          remoteId: this.remoteId,
          call: outbound.call,
          kind: outcome.kind,
          ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
          attempts: attempt,
          requestMayHaveArrived: outcome.requestMayHaveArrived,
          reason: outcome.reason,
          cause: outcome.cause,
        });
      }
      await this.clock.sleep(retryDelayMs(attempt, this.retryPolicy, this.clock.random));
    }
  }

  /** As `send`, then the body read as lossless JSON; a body that is not is `bad-json` (never retried: the answer is deterministic). */
  async sendForJson(outbound: OutboundRequest): Promise<OutboundJsonResponse> {
    const response = await this.send(outbound);
    const parsed = parseLosslessJsonBody(response.body);
    if (!parsed.ok) {
      throw new OutboundHttpError({
        remoteId: this.remoteId,
        call: outbound.call,
        kind: OutboundHttpErrorKind.BadJson,
        httpStatus: response.httpStatus,
        attempts: response.attempts,
        requestMayHaveArrived: true,
        reason: parsed.problem,
      });
    }
    return { httpStatus: response.httpStatus, json: parsed.value, attempts: response.attempts };
  }

  /**
   * One exchange under one deadline. The abort signal covers the body too, so a remote that sends
   * headers promptly and then trickles the body still times out; undici's own header and body
   * timeouts are set to the same value as a second guard.
   */
  private async attemptOnce(outbound: OutboundRequest): Promise<AttemptOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), outbound.timeoutMs);
    const timedOut = (cause?: unknown, requestMayHaveArrived = true): AttemptOutcome => ({
      ok: false,
      retryable: true,
      kind: OutboundHttpErrorKind.Timeout,
      requestMayHaveArrived,
      reason: `no complete answer within ${outbound.timeoutMs} ms`,
      cause,
    });
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await request(outbound.url, {
          dispatcher: this.dispatcher,
          method: outbound.method,
          headers: outbound.headers,
          ...(outbound.body === undefined ? {} : { body: outbound.body }),
          signal: controller.signal,
          headersTimeout: outbound.timeoutMs,
          bodyTimeout: outbound.timeoutMs,
        });
      } catch (error) {
        const code = errorCode(error);
        if (controller.signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
          return timedOut(error, code === undefined || !NOT_CONNECTED_CODES.has(code));
        }
        return {
          ok: false,
          retryable: true,
          kind: OutboundHttpErrorKind.Connection,
          requestMayHaveArrived: code === undefined || !NOT_CONNECTED_CODES.has(code),
          reason: `no answer: ${networkProblem(error)}`,
          cause: error,
        };
      }
      const readsBody = outbound.readsBodyOfStatus ?? isSuccessStatus;
      if (!readsBody(response.statusCode)) {
        // Release the connection without reading a body we do not need.
        discardBody(response);
        return {
          ok: false,
          retryable: isRetryableHttpStatus(response.statusCode),
          kind: OutboundHttpErrorKind.HttpStatus,
          requestMayHaveArrived: true,
          httpStatus: response.statusCode,
          reason: `HTTP ${response.statusCode}`,
        };
      }
      return await readBoundedBody(response, outbound.responseBytesMax, controller, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function readBoundedBody(
  response: Dispatcher.ResponseData,
  bytesMax: number,
  controller: AbortController,
  timedOut: (cause?: unknown) => AttemptOutcome,
): Promise<AttemptOutcome> {
  const tooLarge = (): AttemptOutcome => ({
    ok: false,
    retryable: false,
    kind: OutboundHttpErrorKind.BodyTooLarge,
    requestMayHaveArrived: true,
    httpStatus: response.statusCode,
    reason: `body larger than ${bytesMax} bytes`,
  });
  // A declared length over the bound is refused before a single byte is read. It is only a hint
  // (it may be absent, or describe the compressed size), so the count below is the real check.
  const declaredLength = response.headers['content-length'];
  if (typeof declaredLength === 'string' && /^[0-9]+$/.test(declaredLength) && Number(declaredLength) > bytesMax) {
    discardBody(response);
    controller.abort();
    return tooLarge();
  }
  const chunks: Buffer[] = [];
  let sizeBytes = 0;
  try {
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      sizeBytes += bytes.byteLength;
      if (sizeBytes > bytesMax) {
        // Stop the transfer now rather than download the rest only to throw it away.
        discardBody(response);
        controller.abort();
        return tooLarge();
      }
      chunks.push(bytes);
    }
  } catch (error) {
    const code = errorCode(error);
    if (controller.signal.aborted || (code !== undefined && TIMEOUT_CODES.has(code))) {
      return timedOut(error);
    }
    return {
      ok: false,
      retryable: true,
      kind: OutboundHttpErrorKind.Connection,
      requestMayHaveArrived: true,
      reason: `body cut short: ${networkProblem(error)}`,
      cause: error,
    };
  }
  return { ok: true, httpStatus: response.statusCode, body: Buffer.concat(chunks, sizeBytes) };
}

/** Destroying an undici body emits an abort error; nobody else listens, so it is swallowed here. */
function discardBody(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}

function checkRequest(outbound: OutboundRequest): void {
  if (!Number.isSafeInteger(outbound.timeoutMs) || outbound.timeoutMs < CALL_TIMEOUT_MS_MIN || outbound.timeoutMs > CALL_TIMEOUT_MS_MAX) {
    throw new OutboundHttpUsageError('timeoutMs', `must be an integer from ${CALL_TIMEOUT_MS_MIN} to ${CALL_TIMEOUT_MS_MAX}`);
  }
  if (!Number.isSafeInteger(outbound.responseBytesMax) || outbound.responseBytesMax < 0 || outbound.responseBytesMax > RESPONSE_BYTES_MAX_LIMIT) {
    throw new OutboundHttpUsageError('responseBytesMax', `must be an integer from 0 to ${RESPONSE_BYTES_MAX_LIMIT}`);
  }
  if (outbound.body !== undefined && Buffer.byteLength(outbound.body, 'utf8') > REQUEST_BYTES_MAX) {
    throw new OutboundHttpUsageError('body', `must be at most ${REQUEST_BYTES_MAX} bytes`);
  }
  if (!/^https?:\/\//.test(outbound.url)) {
    // The URL itself is not repeated: it may carry a credential in its query.
    throw new OutboundHttpUsageError('url', 'must be an absolute http(s) URL');
  }
}

/**
 * The useful part of a transport error ("ECONNREFUSED"); neither part ever holds our headers.
 * Read by shape, not `instanceof Error`: errors can come from another realm (jest's sandbox,
 * worker threads), where that check is false. Node's fetch hides the code in `cause`.
 */
function networkProblem(error: unknown): string {
  for (const candidate of [error, propertyOf(error, 'cause')]) {
    const code = propertyOf(candidate, 'code');
    const message = propertyOf(candidate, 'message');
    if (typeof code === 'string' && !code.startsWith('UND_ERR_')) {
      return typeof message === 'string' ? `${code} (${message})` : code;
    }
  }
  const message = propertyOf(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

function errorCode(error: unknown): string | undefined {
  for (const candidate of [error, propertyOf(error, 'cause')]) {
    const code = propertyOf(candidate, 'code');
    if (typeof code === 'string') {
      return code;
    }
  }
  return undefined;
}

function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
