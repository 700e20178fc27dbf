import type { JsonFragment } from './json-text';
import { parseOperatorResponse, type OperatorResponse } from './operator-response';
import { authorizationHeaderFor, operatorTimestamp, requestHashFor } from './operator-signing';

/** What the platform waits for an answer before it treats the call as timed out. */
export const REQUEST_TIMEOUT_MS_DEFAULT = 10_000;
/**
 * Largest response read. An operator's answer is the request passed back plus a few fields: a few
 * KiB. Anything far larger is a fault, and reading it whole would cost the load generator memory.
 */
export const RESPONSE_BYTES_MAX = 256 * 1024;

export const OperatorCommand = {
  Authenticate: 'authenticate',
  Balance: 'balance',
  ChangeBalance: 'changebalance',
  Status: 'status',
  Cancel: 'cancel',
  FinishRound: 'finishround',
} as const;
export type OperatorCommand = (typeof OperatorCommand)[keyof typeof OperatorCommand];

export interface OperatorEndpoint {
  /** Up to the command: `<base>/<command>` is called. */
  readonly baseUrl: string;
  readonly operatorId: string;
  readonly secretKey: string;
}

/** A request frozen to its bytes, so that a retry sends exactly what the first attempt sent. */
export interface PreparedRequest {
  readonly command: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Deliberate faults, for the certification's negative scenarios. */
export interface RequestFaults {
  /** `null` sends no X-Authorization header at all. */
  readonly authorization?: string | null;
  readonly hash?: string;
}

export interface OperatorCall {
  readonly request: PreparedRequest;
  /** null when no HTTP answer came (connection refused, reset, or our timeout). */
  readonly httpStatus: number | null;
  readonly bodyText: string;
  /** The parsed protocol response, when the body is one. */
  readonly response: OperatorResponse | null;
  /** Why there is no protocol response: transport failure, timeout or malformed body. */
  readonly problem: string | null;
  readonly latencyMs: number;
}

/**
 * The platform's HTTP side of the Operator API: signs, sends, and reads the answer without ever
 * throwing for an operator's fault (a platform records it and decides: retry, cancel, give up).
 */
export class OperatorClient {
  constructor(
    readonly endpoint: OperatorEndpoint,
    private readonly requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT,
  ) {}

  prepare(command: string, data: JsonFragment, faults: RequestFaults = {}, moment = new Date()): PreparedRequest {
    const timestamp = operatorTimestamp(moment);
    const hash = faults.hash ?? requestHashFor(command, timestamp, this.endpoint.secretKey);
    const body = `{"command":${JSON.stringify(command)},"request_timestamp":"${timestamp}","hash":"${hash}","data":${data}}`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'X-Operator-Id': this.endpoint.operatorId };
    const authorization = faults.authorization === undefined ? authorizationHeaderFor(command, this.endpoint.secretKey) : faults.authorization;
    if (authorization !== null) headers['X-Authorization'] = authorization;
    return { command, body, headers };
  }

  async call(command: OperatorCommand, data: JsonFragment, faults: RequestFaults = {}): Promise<OperatorCall> {
    return this.send(this.prepare(command, data, faults));
  }

  async send(request: PreparedRequest): Promise<OperatorCall> {
    const startedAt = performance.now();
    const elapsed = () => performance.now() - startedAt;
    let httpStatus: number;
    let bodyText: string;
    try {
      const answer = await fetch(`${this.endpoint.baseUrl}/${request.command}`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      httpStatus = answer.status;
      bodyText = await answer.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      const problem = timedOut ? `no answer within ${this.requestTimeoutMs} ms` : `transport: ${describeError(error)}`;
      return { request, httpStatus: null, bodyText: '', response: null, problem, latencyMs: elapsed() };
    }
    const latencyMs = elapsed();
    if (bodyText.length > RESPONSE_BYTES_MAX) {
      return { request, httpStatus, bodyText: bodyText.slice(0, 200), response: null, problem: `response longer than ${RESPONSE_BYTES_MAX} bytes`, latencyMs };
    }
    if (httpStatus !== 200) return { request, httpStatus, bodyText, response: null, problem: `HTTP ${httpStatus}`, latencyMs };
    const parsed = parseOperatorResponse(bodyText);
    if (!parsed.ok) return { request, httpStatus, bodyText, response: null, problem: parsed.problem, latencyMs };
    return { request, httpStatus, bodyText, response: parsed.response, problem: null, latencyMs };
  }

  async ping(): Promise<{ httpStatus: number | null; bodyText: string; problem: string | null }> {
    try {
      const answer = await fetch(`${this.endpoint.baseUrl}/ping`, { method: 'GET', signal: AbortSignal.timeout(this.requestTimeoutMs) });
      return { httpStatus: answer.status, bodyText: await answer.text(), problem: null };
    } catch (error) {
      return { httpStatus: null, bodyText: '', problem: describeError(error) };
    }
  }
}

/**
 * The outcome of a call as one short code, for tables and counts: OK, an OP_xx code, HTTP_403,
 * TIMEOUT (ours), TRANSPORT (no HTTP answer), MALFORMED (200 without a protocol response).
 */
export function resultCodeOf(call: OperatorCall): string {
  if (call.response) {
    if (call.response.status === 'OK') return 'OK';
    return call.response.errorCode ?? 'ERROR_WITHOUT_CODE';
  }
  if (call.httpStatus === null) return call.problem?.startsWith('no answer') ? 'TIMEOUT' : 'TRANSPORT';
  if (call.httpStatus !== 200) return `HTTP_${call.httpStatus}`;
  return 'MALFORMED';
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
