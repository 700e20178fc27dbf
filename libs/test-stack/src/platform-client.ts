import { createHash } from 'node:crypto';

/**
 * Plays the game platform: signs requests exactly as the Operator API v2.49 describes, with its own
 * sha1 code (not the gateway's), so a mistake in our protocol library cannot hide itself here.
 */
export interface PlatformCall {
  readonly status: number;
  readonly body: string;
  /** The raw request body that was sent. */
  readonly sent: string;
  /** The answer's HTTP headers, names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

export function utcTimestamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export class PlatformClient {
  constructor(
    private readonly baseUrl: string,
    private readonly operatorId: string,
    private readonly secretKey: string,
  ) {}

  /** `dataJson` is raw JSON text, so tests can send 20-digit ids and decimal literals verbatim. */
  async call(command: string, dataJson: string, options: { authorization?: string | null; hash?: string; timestamp?: string; requestId?: string; headers?: Readonly<Record<string, string>> } = {}): Promise<PlatformCall> {
    const timestamp = options.timestamp ?? utcTimestamp();
    const hash = options.hash ?? sha1(command + timestamp + this.secretKey);
    const sent = `{"command":"${command}","request_timestamp":"${timestamp}","hash":"${hash}","data":${dataJson}}`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'X-Operator-Id': this.operatorId };
    const authorization = options.authorization === undefined ? sha1(command + this.secretKey) : options.authorization;
    if (authorization !== null) headers['X-Authorization'] = authorization;
    if (options.requestId) headers['X-Request-Id'] = options.requestId;
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.baseUrl}/${command}`, { method: 'POST', headers, body: sent });
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (answerHeaders[name] = value));
    return { status: response.status, body: await response.text(), sent, headers: answerHeaders };
  }

  /** Checks the response signature the way a platform would. */
  responseHashValid(response: { status: string; response_timestamp: string; hash: string }): boolean {
    return sha1(response.status + response.response_timestamp + this.secretKey) === response.hash;
  }
}
