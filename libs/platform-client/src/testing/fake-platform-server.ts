import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'lossless-json';
import { PlatformApiName, platformAuthorizationHeaderFor } from '../platform-api-name';

/**
 * A game platform's operator-facing API on loopback, for tests of anything that calls one
 * (this lib's client, the catalog sync). It is a real HTTP server, so the client under test runs
 * its real fetch, timeouts and body limits, and it checks our headers exactly as a strict platform
 * would, answering 403 to anything else.
 *
 * Fixtures are JSON *text*, so a test can put exactly the literals a platform writes in a body
 * (`3.30`, a 20-digit id) — a JavaScript object could not hold them. `fakeJson(value)` writes a
 * value with lossless-json for the cases where that does not matter.
 */

/** A body for one endpoint: fixed JSON text, or computed from the request (e.g. per date). */
export type FakeFixture = string | ((request: RecordedPlatformRequest) => string);

/**
 * How an endpoint misbehaves, for the next `times` requests that reach it (every request when
 * `times` is left out); after that it answers normally again.
 * - `delay`: wait `delayMs`, then answer normally (for timeouts);
 * - `status`: answer `httpStatus` with a short body (500 twice, then success: retries);
 * - `invalid-json`: answer 200 with a body that is not JSON;
 * - `oversized`: answer 200 with a valid JSON body of `sizeBytes`, with a Content-Length header
 *   when `declareLength` is true, chunked (no length) otherwise, so both of the client's size
 *   checks can be exercised.
 */
export type FakeMisbehaviour =
  | { readonly kind: 'delay'; readonly delayMs: number; readonly times?: number }
  | { readonly kind: 'status'; readonly httpStatus: number; readonly times?: number }
  | { readonly kind: 'invalid-json'; readonly times?: number }
  | { readonly kind: 'oversized'; readonly sizeBytes: number; readonly declareLength: boolean; readonly times?: number };

/** One request as received, whatever the answer was. Header names are lowercase (node's way). */
export interface RecordedPlatformRequest {
  /** The endpoint the path names, or null for a path no endpoint has. */
  readonly endpoint: PlatformApiName | null;
  readonly method: string;
  /** The path without the query, as sent (percent-encoding kept). */
  readonly path: string;
  /** Query parameters, decoded; a repeated name keeps its last value. */
  readonly query: Readonly<Record<string, string>>;
  /** The query string as sent, without "?" ("" when none), for exact-encoding assertions. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  /** For hand history: the two path segments after /handHistory/, decoded. */
  readonly handHistory?: { readonly transactionId: string; readonly historyId: string };
  /** The HTTP status the fake answered with (0 when the client went away before the answer). */
  answeredStatus: number;
}

export interface FakePlatformServerOptions {
  readonly operatorId: string;
  readonly secretKey: string;
  /** Replaces the default answer of any endpoint (see DEFAULT_FAKE_FIXTURES). */
  readonly fixtures?: Partial<Readonly<Record<PlatformApiName, FakeFixture>>>;
}

/** What an endpoint answers until told otherwise: valid, empty, unlimited. */
export const DEFAULT_FAKE_FIXTURES: Readonly<Record<PlatformApiName, FakeFixture>> = {
  games: '{"games":[]}',
  lobbies: '{"lobbies":[]}',
  businessReport: '[]',
  balanceLimits: '{"enabled":false}',
  handHistory: '{"success":true,"type":"url","data":"https://history.fake-platform.test/rounds/1"}',
};

/** The paths as the vendor documents them; hand history takes two more segments. */
export const FAKE_PLATFORM_PATHS: Readonly<Record<Exclude<PlatformApiName, 'handHistory'>, string>> = {
  games: '/api/generic/games/list/all',
  lobbies: '/api/generic/lobbies/list/all',
  businessReport: '/api/generic/businessReport',
  balanceLimits: '/api/generic/balanceLimits',
};
const HAND_HISTORY_PATH_PATTERN = /^\/api\/generic\/handHistory\/([^/]+)\/([^/]+)$/;

/** Bounds the record so a runaway test loop cannot eat the machine's memory; the oldest go first. */
export const RECORDED_REQUESTS_MAX = 10_000;
/** Chunk size of an oversized body sent without Content-Length. */
const OVERSIZED_CHUNK_BYTES = 64 * 1024;

/** `value` as JSON text through lossless-json (so LosslessNumber values keep their literal). */
export function fakeJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) {
    throw new TypeError('fakeJson: value has no JSON form');
  }
  return text;
}

interface ActiveMisbehaviour {
  readonly behaviour: FakeMisbehaviour;
  /** Requests still to misbehave on; Infinity when `times` was not given. */
  remaining: number;
}

export class FakePlatformServer {
  private readonly fixtures = new Map<PlatformApiName, FakeFixture>();
  private readonly misbehaviours = new Map<PlatformApiName, ActiveMisbehaviour>();
  private readonly recorded: RecordedPlatformRequest[] = [];
  private readonly pendingTimers = new Set<NodeJS.Timeout>();
  private readonly expectedAuthorization: ReadonlyMap<PlatformApiName, string>;
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  private constructor(
    readonly operatorId: string,
    secretKey: string,
    fixtures: Partial<Readonly<Record<PlatformApiName, FakeFixture>>>,
  ) {
    this.expectedAuthorization = new Map(
      Object.values(PlatformApiName).map((name) => [name, platformAuthorizationHeaderFor(name, operatorId, secretKey)]),
    );
    for (const [name, fixture] of Object.entries({ ...DEFAULT_FAKE_FIXTURES, ...fixtures })) {
      this.fixtures.set(name as PlatformApiName, fixture);
    }
  }

  /** Listens on 127.0.0.1 on a free port chosen by the OS, so parallel test files never collide. */
  static async start(options: FakePlatformServerOptions): Promise<FakePlatformServer> {
    const fake = new FakePlatformServer(options.operatorId, options.secretKey, options.fixtures ?? {});
    const server = fake.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return fake;
  }

  /** "http://127.0.0.1:<port>", the PLATFORM_API_HOST (and game launch host) to configure. */
  get baseUrl(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  /** Every request received so far, oldest first. */
  get requests(): readonly RecordedPlatformRequest[] {
    return [...this.recorded];
  }

  requestsTo(endpoint: PlatformApiName): readonly RecordedPlatformRequest[] {
    return this.recorded.filter((request) => request.endpoint === endpoint);
  }

  clearRequests(): void {
    this.recorded.length = 0;
  }

  setFixture(endpoint: PlatformApiName, fixture: FakeFixture): void {
    this.fixtures.set(endpoint, fixture);
  }

  misbehave(endpoint: PlatformApiName, behaviour: FakeMisbehaviour): void {
    this.misbehaviours.set(endpoint, { behaviour, remaining: behaviour.times ?? Number.POSITIVE_INFINITY });
  }

  /** Ends the misbehaviour of one endpoint, or of all when none is named. */
  behaveNormally(endpoint?: PlatformApiName): void {
    if (endpoint === undefined) {
      this.misbehaviours.clear();
    } else {
      this.misbehaviours.delete(endpoint);
    }
  }

  /** Stops listening and drops open connections (a delayed answer never keeps a test alive). */
  async close(): Promise<void> {
    for (const timer of this.pendingTimers) {
      clearTimeout(timer);
    }
    this.pendingTimers.clear();
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake-platform.invalid');
    const handHistoryMatch = HAND_HISTORY_PATH_PATTERN.exec(url.pathname);
    const endpoint = handHistoryMatch ? PlatformApiName.HandHistory : endpointOfPath(url.pathname);
    const record: RecordedPlatformRequest = {
      endpoint,
      method: request.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      rawQuery: url.search.replace(/^\?/, ''),
      headers: { ...request.headers },
      ...(handHistoryMatch ? { handHistory: { transactionId: decodeURIComponent(handHistoryMatch[1]), historyId: decodeURIComponent(handHistoryMatch[2]) } } : {}),
      answeredStatus: 0,
    };
    this.recorded.push(record);
    if (this.recorded.length > RECORDED_REQUESTS_MAX) {
      this.recorded.shift();
    }
    // The client aborting (timeouts, size limits) resets the socket; that is expected here.
    response.on('error', () => undefined);

    if (endpoint === null) {
      return answer(record, response, 404, '{"error":"not found"}');
    }
    if (record.method !== 'GET') {
      return answer(record, response, 405, '{"error":"method not allowed"}');
    }
    if (!this.hasValidHeaders(endpoint, request.headers)) {
      return answer(record, response, 403, '{"error":"Access denied"}');
    }
    if (endpoint === PlatformApiName.BusinessReport && !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(record.query['date'] ?? '')) {
      return answer(record, response, 400, '{"error":"date is required, yyyy-mm-dd"}');
    }
    const misbehaviour = this.takeMisbehaviour(endpoint);
    switch (misbehaviour?.kind) {
      case undefined:
        return this.answerFixture(endpoint, record, response);
      case 'delay': {
        const timer = setTimeout(() => {
          this.pendingTimers.delete(timer);
          if (!response.destroyed) {
            this.answerFixture(endpoint, record, response);
          }
        }, misbehaviour.delayMs);
        this.pendingTimers.add(timer);
        return;
      }
      case 'status':
        return answer(record, response, misbehaviour.httpStatus, `{"error":"fake status ${misbehaviour.httpStatus}"}`);
      case 'invalid-json':
        return answer(record, response, 200, '{"games": [ {"id": 1, "title": ');
      case 'oversized':
        return answerOversized(record, response, misbehaviour.sizeBytes, misbehaviour.declareLength);
    }
  }

  /** Exact comparison, as a strict platform does: right value, right case, nothing extra. */
  private hasValidHeaders(endpoint: PlatformApiName, headers: IncomingHttpHeaders): boolean {
    if (headers['x-operator-id'] !== this.operatorId || headers['x-authorization'] !== this.expectedAuthorization.get(endpoint)) {
      return false;
    }
    if (endpoint === PlatformApiName.HandHistory) {
      const vendorId = headers['x-vendor-id'];
      return typeof vendorId === 'string' && vendorId.length > 0;
    }
    return true;
  }

  private takeMisbehaviour(endpoint: PlatformApiName): FakeMisbehaviour | undefined {
    const active = this.misbehaviours.get(endpoint);
    if (active === undefined) {
      return undefined;
    }
    active.remaining--;
    if (active.remaining <= 0) {
      this.misbehaviours.delete(endpoint);
    }
    return active.behaviour;
  }

  private answerFixture(endpoint: PlatformApiName, record: RecordedPlatformRequest, response: ServerResponse): void {
    const fixture = this.fixtures.get(endpoint) ?? DEFAULT_FAKE_FIXTURES[endpoint];
    answer(record, response, 200, typeof fixture === 'function' ? fixture(record) : fixture);
  }
}

function endpointOfPath(path: string): PlatformApiName | null {
  for (const [name, endpointPath] of Object.entries(FAKE_PLATFORM_PATHS)) {
    if (endpointPath === path) {
      return name as PlatformApiName;
    }
  }
  return null;
}

function answer(record: RecordedPlatformRequest, response: ServerResponse, status: number, body: string): void {
  record.answeredStatus = status;
  const bytes = Buffer.from(body, 'utf8');
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  response.end(bytes);
}

/** Valid JSON (spaces, then "{}"), so only the size can be the reason a client refuses it. */
function answerOversized(record: RecordedPlatformRequest, response: ServerResponse, sizeBytes: number, declareLength: boolean): void {
  record.answeredStatus = 200;
  const body = Buffer.alloc(sizeBytes, ' ');
  body.write('{}', sizeBytes - 2);
  if (declareLength) {
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(sizeBytes) });
    response.end(body);
    return;
  }
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  for (let offset = 0; offset < sizeBytes && !response.destroyed; offset += OVERSIZED_CHUNK_BYTES) {
    response.write(body.subarray(offset, offset + OVERSIZED_CHUNK_BYTES));
  }
  response.end();
}
