import type { ResolvedRequestOptions } from './platform-api-config';
import { PlatformApiError, PlatformApiErrorKind } from './platform-api-error';
import type { PlatformApiName } from './platform-api-name';
import { parsePlatformJson, type JsonValue } from './platform-json';
import { ResponseShapeError } from './response-fields';
import { isRetryableHttpStatus, retryDelayMs } from './retry-policy';

export interface PlatformGetRequest {
  readonly platformId: string;
  readonly call: PlatformApiName;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly responseBytesMax: number;
}

/** Seams for tests of the retry loop; production uses the real clock and Math.random. */
export interface RetryClock {
  readonly sleep: (durationMs: number) => Promise<void>;
  readonly random: () => number;
}

export const REAL_RETRY_CLOCK: RetryClock = {
  sleep: (durationMs) => new Promise((resolve) => setTimeout(resolve, durationMs)),
  random: Math.random,
};

type AttemptOutcome =
  | { readonly ok: true; readonly body: Uint8Array }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly kind: PlatformApiErrorKind;
      readonly httpStatus?: number;
      readonly reason: string;
      readonly cause?: unknown;
    };

/**
 * GETs a platform API, reads a bounded JSON body and decodes it, retrying per retry-policy.ts.
 * `decode` throws ResponseShapeError for a body it cannot accept; that becomes `bad-response`.
 */
export async function getPlatformJson<T>(
  request: PlatformGetRequest,
  options: ResolvedRequestOptions,
  decode: (body: JsonValue) => T,
  clock: RetryClock = REAL_RETRY_CLOCK,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(request, options.timeoutMs);
    if (outcome.ok) {
      return decodeOrFail(request, outcome.body, decode, attempt);
    }
    if (!outcome.retryable || attempt >= options.attemptsMax) {
      throw new PlatformApiError({
        platformId: request.platformId,
        call: request.call,
        kind: outcome.kind,
        ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
        attempts: attempt,
        reason: outcome.reason,
        cause: outcome.cause,
      });
    }
    await clock.sleep(retryDelayMs(attempt, options, clock.random));
  }
}

function decodeOrFail<T>(request: PlatformGetRequest, body: Uint8Array, decode: (body: JsonValue) => T, attempts: number): T {
  const badResponse = (reason: string, cause?: unknown): PlatformApiError =>
    new PlatformApiError({ platformId: request.platformId, call: request.call, kind: PlatformApiErrorKind.BadResponse, attempts, reason, cause });
  const parsed = parsePlatformJson(body);
  if (!parsed.ok) {
    throw badResponse(parsed.problem);
  }
  try {
    return decode(parsed.value);
  } catch (error) {
    if (error instanceof ResponseShapeError) {
      throw badResponse(error.message, error);
    }
    throw error;
  }
}

/**
 * One exchange under one deadline. The AbortController covers the body too, so a platform that
 * sends headers promptly and then trickles the body still times out.
 */
async function attemptOnce(request: PlatformGetRequest, timeoutMs: number): Promise<AttemptOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = (): AttemptOutcome => ({ ok: false, retryable: true, kind: PlatformApiErrorKind.Timeout, reason: `no complete answer within ${timeoutMs} ms` });
  try {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: 'GET',
        headers: request.headers,
        signal: controller.signal,
        // Never follow: a redirect would carry X-Authorization (a replayable credential) to
        // whatever host the Location names. A 3xx is reported as an http-status error instead.
        redirect: 'manual',
      });
    } catch (error) {
      if (controller.signal.aborted) {
        return timedOut();
      }
      return { ok: false, retryable: true, kind: PlatformApiErrorKind.Network, reason: `no answer: ${networkProblem(error)}`, cause: error };
    }
    if (response.status < 200 || response.status > 299) {
      // Release the connection without reading a body we do not need.
      await response.body?.cancel().catch(() => undefined);
      return {
        ok: false,
        retryable: isRetryableHttpStatus(response.status),
        kind: PlatformApiErrorKind.HttpStatus,
        httpStatus: response.status,
        reason: `HTTP ${response.status}`,
      };
    }
    return await readBoundedBody(response, request.responseBytesMax, controller, timedOut);
  } finally {
    clearTimeout(timer);
  }
}

async function readBoundedBody(response: Response, bytesMax: number, controller: AbortController, timedOut: () => AttemptOutcome): Promise<AttemptOutcome> {
  const tooLarge = (): AttemptOutcome => ({ ok: false, retryable: false, kind: PlatformApiErrorKind.BadResponse, reason: `body larger than ${bytesMax} bytes` });
  // A declared length over the bound is refused before a single byte is read. It is only a hint
  // (it may be absent, or describe the compressed size), so the count below is the real check.
  const declaredLength = response.headers.get('content-length');
  if (declaredLength !== null && /^[0-9]+$/.test(declaredLength) && Number(declaredLength) > bytesMax) {
    controller.abort();
    return tooLarge();
  }
  if (response.body === null) {
    return { ok: true, body: new Uint8Array(0) };
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let sizeBytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      sizeBytes += value.byteLength;
      if (sizeBytes > bytesMax) {
        // Stop the transfer now rather than download the rest only to throw it away.
        controller.abort();
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (controller.signal.aborted) {
      return timedOut();
    }
    return { ok: false, retryable: true, kind: PlatformApiErrorKind.Network, reason: `body cut short: ${networkProblem(error)}`, cause: error };
  }
  return { ok: true, body: Buffer.concat(chunks, sizeBytes) };
}

/**
 * undici hides the useful part ("ECONNREFUSED") in `cause`; neither part ever holds our headers.
 * Read by shape, not `instanceof Error`: fetch's errors can come from another realm (jest's
 * sandbox, worker threads), where that check is false.
 */
function networkProblem(error: unknown): string {
  const cause = propertyOf(error, 'cause');
  const code = propertyOf(cause, 'code');
  const causeMessage = propertyOf(cause, 'message');
  if (typeof code === 'string') {
    return typeof causeMessage === 'string' ? `${code} (${causeMessage})` : code;
  }
  if (typeof causeMessage === 'string') {
    return causeMessage;
  }
  const message = propertyOf(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
