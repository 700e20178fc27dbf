import { OutboundHttpClient, OutboundHttpError, OutboundHttpErrorKind, Repeatability } from '@wallet-platform/http-client';

/**
 * How one request reaches the provider. The client knows only this interface, so the shared HTTP
 * client (libs/http-client) carries it without the codec knowing, and unit tests can answer without a socket.
 */
export interface ServiceApiTransport {
  post(request: ServiceApiHttpRequest): Promise<ServiceApiHttpResult>;
}

export interface ServiceApiHttpRequest {
  readonly url: string;
  /** The JSON body, sent as UTF-8 with `Content-Type: application/json`. */
  readonly body: string;
  readonly timeoutMs: number;
  readonly responseBytesMax: number;
}

/**
 * `answered`: a complete response within the deadline and the size bound, whatever its status.
 * `timeout`: no complete answer in time; the provider may have acted on the request.
 * `failed`: the exchange broke (refused connection, reset, a body over the bound). Also unknown:
 * a connection reset can come after the provider acted.
 */
export type ServiceApiHttpResult =
  | { readonly kind: 'answered'; readonly httpStatus: number; readonly body: Uint8Array }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * The transport over our shared outbound client (libs/http-client): one attempt per post (the
 * service-API client retries itself, because every resend needs a fresh time and signature),
 * every status read as an answer, and its typed errors turned into timeout / failed.
 */
export class OutboundHttpServiceApiTransport implements ServiceApiTransport {
  private readonly http: OutboundHttpClient;

  /** `remoteId` names the provider platform in errors, e.g. "choice-gaming". */
  constructor(remoteId: string, http?: OutboundHttpClient) {
    this.http = http ?? new OutboundHttpClient({ remoteId, retryPolicy: { attemptsMax: 1, retryDelayBaseMs: 0, retryDelayMaxMs: 0 } });
  }

  async post(request: ServiceApiHttpRequest): Promise<ServiceApiHttpResult> {
    try {
      const response = await this.http.send({
        call: 'serviceApi',
        method: 'POST',
        url: request.url,
        headers: { 'content-type': 'application/json' },
        body: request.body,
        timeoutMs: request.timeoutMs,
        responseBytesMax: request.responseBytesMax,
        // A grant is never resent as the same bytes: the service-API client re-signs each attempt.
        repeatability: Repeatability.Never,
        readsBodyOfStatus: () => true,
      });
      return { kind: 'answered', httpStatus: response.httpStatus, body: response.body };
    } catch (error) {
      if (error instanceof OutboundHttpError) {
        return error.kind === OutboundHttpErrorKind.Timeout ? { kind: 'timeout' } : { kind: 'failed', reason: `${error.kind}: ${error.message}` };
      }
      throw error;
    }
  }
}
