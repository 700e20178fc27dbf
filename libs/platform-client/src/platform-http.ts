import { OutboundHttpClient, OutboundHttpError, OutboundHttpErrorKind, parseLosslessJsonBody, Repeatability, type JsonValue, type RetryClock } from '@wallet-platform/http-client';
import type { ResolvedRequestOptions } from './platform-api-config';
import { PlatformApiError, PlatformApiErrorKind } from './platform-api-error';
import type { PlatformApiName } from './platform-api-name';
import { ResponseShapeError } from './response-fields';

export type { RetryClock } from '@wallet-platform/http-client';

export interface PlatformGetRequest {
  readonly platformId: string;
  readonly call: PlatformApiName;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly responseBytesMax: number;
}

/** The outbound client of one platform: its retry policy is the platform's request options. */
export function platformHttpClient(platformId: string, options: ResolvedRequestOptions, clock: RetryClock): OutboundHttpClient {
  return new OutboundHttpClient({
    remoteId: platformId,
    retryPolicy: { attemptsMax: options.attemptsMax, retryDelayBaseMs: options.retryDelayBaseMs, retryDelayMaxMs: options.retryDelayMaxMs },
    clock,
  });
}

/**
 * GETs a platform API through the shared outbound client (one deadline per attempt, a bounded
 * body, bounded retries: every call here is a read, so it is marked safe to repeat) and decodes
 * it. `decode` throws ResponseShapeError for a body it cannot accept; that becomes `bad-response`.
 */
export async function getPlatformJson<T>(http: OutboundHttpClient, request: PlatformGetRequest, options: ResolvedRequestOptions, decode: (body: JsonValue) => T): Promise<T> {
  let body: Uint8Array;
  let attempts: number;
  try {
    ({ body, attempts } = await http.send({
      call: request.call,
      method: 'GET',
      url: request.url,
      headers: request.headers,
      timeoutMs: options.timeoutMs,
      responseBytesMax: request.responseBytesMax,
      repeatability: Repeatability.SafeToRepeat,
    }));
  } catch (error) {
    if (error instanceof OutboundHttpError) {
      throw new PlatformApiError({
        platformId: request.platformId,
        call: request.call,
        kind: platformErrorKind(error.kind),
        ...(error.httpStatus === undefined || error.kind !== OutboundHttpErrorKind.HttpStatus ? {} : { httpStatus: error.httpStatus }),
        attempts: error.attempts,
        reason: error.reason,
        cause: error,
      });
    }
    throw error;
  }
  return decodeOrFail(request, body, decode, attempts);
}

/** This lib's error kinds predate the shared client; an answer we cannot use is one kind here. */
function platformErrorKind(kind: OutboundHttpErrorKind): PlatformApiErrorKind {
  switch (kind) {
    case OutboundHttpErrorKind.Timeout:
      return PlatformApiErrorKind.Timeout;
    case OutboundHttpErrorKind.Connection:
      return PlatformApiErrorKind.Network;
    case OutboundHttpErrorKind.HttpStatus:
      return PlatformApiErrorKind.HttpStatus;
    case OutboundHttpErrorKind.BodyTooLarge:
    case OutboundHttpErrorKind.BadJson:
      return PlatformApiErrorKind.BadResponse;
  }
}

function decodeOrFail<T>(request: PlatformGetRequest, body: Uint8Array, decode: (body: JsonValue) => T, attempts: number): T {
  const badResponse = (reason: string, cause?: unknown): PlatformApiError =>
    new PlatformApiError({ platformId: request.platformId, call: request.call, kind: PlatformApiErrorKind.BadResponse, attempts, reason, cause });
  const parsed = parseLosslessJsonBody(body);
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
