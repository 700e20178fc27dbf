import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** Largest request body the test server records; anything larger is a test bug. */
export const TEST_REQUEST_BYTES_MAX = 1024 * 1024;

export interface RecordedHttpRequest {
  readonly method: string;
  /** Path and query as sent. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bodyText: string;
}

/** Answers one request; it may write slowly, never answer, or destroy the socket. */
export type TestHttpHandler = (request: RecordedHttpRequest, response: ServerResponse) => void | Promise<void>;

export interface TestHttpServerOptions {
  /** The test's own port, from the range the suite was given; never a service's standard port. */
  readonly port: number;
  readonly handler?: TestHttpHandler;
}

/**
 * A real HTTP server on loopback for tests of outbound clients: it records every request (with its
 * whole body) and lets the test decide each answer. Test support only: exported from the lib's
 * `testing` entry point, never from its production barrel.
 */
export class TestHttpServer {
  readonly requests: RecordedHttpRequest[] = [];
  private handler: TestHttpHandler;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    handler: TestHttpHandler,
  ) {
    this.handler = handler;
  }

  static async start(options: TestHttpServerOptions): Promise<TestHttpServer> {
    const server = createServer();
    const instance = new TestHttpServer(server, options.port, options.handler ?? ((_request, response) => answerJson(response, 200, '{}')));
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      void readRequest(request).then(
        async (recorded) => {
          instance.requests.push(recorded);
          await instance.handler(recorded, response);
        },
        () => response.destroy(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    return instance;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replaces how the next requests are answered. */
  answerWith(handler: TestHttpHandler): void {
    this.handler = handler;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Writes `bodyText` (JSON text, written as given so a test can send malformed JSON) with its length. */
export function answerJson(response: ServerResponse, httpStatus: number, bodyText: string): void {
  response.writeHead(httpStatus, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(bodyText) });
  response.end(bodyText);
}

/** Headers now, then the body in `chunks` pieces `gapMs` apart (chunked, no Content-Length). */
export async function answerSlowly(response: ServerResponse, bodyText: string, chunks: number, gapMs: number): Promise<void> {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  const size = Math.ceil(bodyText.length / chunks);
  for (let offset = 0; offset < bodyText.length; offset += size) {
    if (response.destroyed) {
      return;
    }
    response.write(bodyText.slice(offset, offset + size));
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  response.end();
}

function readRequest(request: IncomingMessage): Promise<RecordedHttpRequest> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    request.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.byteLength;
      if (sizeBytes > TEST_REQUEST_BYTES_MAX) {
        reject(new Error(`test request body over ${TEST_REQUEST_BYTES_MAX} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () =>
      resolve({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, bodyText: Buffer.concat(chunks).toString('utf8') }),
    );
    request.on('error', reject);
  });
}
