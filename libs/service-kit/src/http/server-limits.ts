import type { Server } from 'node:http';

/**
 * The limits of every HTTP server we run, in one small function so that it moves with the server
 * (Express today; whatever the gateway's measurement chooses tomorrow). Node's defaults let a
 * client hold a connection for 300 s by sending its body a byte at a time; these close it early.
 */
export interface HttpServerLimits {
  /** From the connection's first byte to the end of the request headers. */
  readonly headersTimeoutMs: number;
  /** From the end of the headers to the last byte of the body: a slow body is cut here. */
  readonly bodyTimeoutMs: number;
  /** How long a keep-alive connection may sit idle between requests. */
  readonly keepAliveIdleMs: number;
  /** Connections open at once; past it new ones are closed as they arrive. */
  readonly connectionsMax: number;
}

export const HTTP_SERVER_LIMITS: HttpServerLimits = Object.freeze({
  // Ours. Headers are a few hundred bytes: a client that needs 10 s for them is not a platform.
  headersTimeoutMs: 10_000,
  // Ours. The platforms' deadline is 3 s for the whole call; bodies are at most 64 KiB
  // (Operator API) or 16 KiB (back office). 10 s is generous and still far below Node's 300 s.
  bodyTimeoutMs: 10_000,
  // Ours. Node's own default: a platform calling steadily reuses its connections, an idle one is cheap to reopen.
  keepAliveIdleMs: 5_000,
  // Ours. Each connection costs a socket and its buffers; 4,096 is above the 1,000 a load test used,
  // below the gateway's file-descriptor limit, and bounds memory under a connection flood.
  connectionsMax: 4_096,
});

export function applyHttpServerLimits(server: Server, limits: HttpServerLimits = HTTP_SERVER_LIMITS): void {
  server.headersTimeout = limits.headersTimeoutMs;
  // Node's own whole-request limit, checked only every 30 s (connectionsCheckingInterval): a backstop.
  server.requestTimeout = limits.headersTimeoutMs + limits.bodyTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveIdleMs;
  server.maxConnections = limits.connectionsMax;
  // The precise body deadline: a request whose body has not fully arrived in time loses its
  // connection. Nothing is answered: the request never reached a handler with a complete body.
  server.on('request', (request, response) => {
    if (request.complete) return;
    const timer = setTimeout(() => {
      if (!request.complete) request.socket.destroy();
    }, limits.bodyTimeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    request.once('end', clear);
    response.once('close', clear);
  });
}
