/**
 * How one request reaches the provider. The client knows only this interface, so the shared HTTP
 * client (libs/http-client, in progress) can replace `FetchServiceApiTransport` without touching
 * the codec, and unit tests can answer without a socket.
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

/** node's fetch, one deadline over headers and body, never following redirects. */
export class FetchServiceApiTransport implements ServiceApiTransport {
  async post(request: ServiceApiHttpRequest): Promise<ServiceApiHttpResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: request.body,
        signal: controller.signal,
        // A redirect would resend a signed grant to whatever host the Location names.
        redirect: 'manual',
      });
      const body = await readBounded(response, request.responseBytesMax, controller);
      return body === null ? { kind: 'failed', reason: `answer over ${request.responseBytesMax} bytes` } : { kind: 'answered', httpStatus: response.status, body };
    } catch (error) {
      if (controller.signal.aborted) return { kind: 'timeout' };
      return { kind: 'failed', reason: networkProblem(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}

async function readBounded(response: Response, bytesMax: number, controller: AbortController): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let sizeBytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    sizeBytes += value.byteLength;
    if (sizeBytes > bytesMax) {
      controller.abort();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, sizeBytes);
}

/** undici keeps the useful part ("ECONNREFUSED") in `cause`; neither part ever holds our body. */
function networkProblem(error: unknown): string {
  const cause = propertyOf(error, 'cause');
  const code = propertyOf(cause, 'code');
  if (typeof code === 'string') return code;
  const message = propertyOf(cause, 'message') ?? propertyOf(error, 'message');
  return typeof message === 'string' ? message : 'network error';
}

function propertyOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
