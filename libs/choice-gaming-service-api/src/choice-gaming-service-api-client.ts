import { encodeServiceApiRequest, type FreeRoundsGrant } from './free-rounds-request';
import type { ServiceApiRefusalCode } from './service-api-codes';
import {
  ATTEMPTS_DEFAULT,
  ATTEMPTS_MAX,
  PLATFORM_ID_MAX,
  PRIVATE_KEY_LENGTH_MAX,
  PRIVATE_KEY_LENGTH_MIN,
  REQUEST_TIMEOUT_MS_DEFAULT,
  REQUEST_TIMEOUT_MS_MAX,
  REQUEST_TIMEOUT_MS_MIN,
  RESPONSE_BODY_BYTES_MAX,
  RETRY_DELAY_BASE_MS_DEFAULT,
  RETRY_DELAY_MAX_MS_DEFAULT,
  RETRY_DELAY_MS_LIMIT,
  SERVICE_URL_LENGTH_MAX,
} from './service-api-limits';
import { decodeServiceApiAnswer } from './service-api-response';
import type { ServiceApiTransport } from './service-api-transport';

/** One platform's service API: where, who we are, and the key we sign with. */
export interface ServiceApiConfig {
  /** The full URL of serviceApi.php. */
  readonly url: string;
  readonly platform: bigint;
  readonly partnerId: bigint;
  /** Secret. Held by the client in a private field; never in an error, a log or JSON. */
  readonly privateKey: string;
}

export interface ServiceApiOptions {
  readonly timeoutMs?: number;
  readonly attemptsMax?: number;
  readonly retryDelayBaseMs?: number;
  readonly retryDelayMaxMs?: number;
}

/** Seams for tests; production sleeps on the real clock. */
export interface ServiceApiClock {
  readonly now: () => Date;
  readonly sleep: (durationMs: number) => Promise<void>;
  readonly random: () => number;
}

export const REAL_SERVICE_API_CLOCK: ServiceApiClock = {
  now: () => new Date(),
  sleep: (durationMs) => new Promise((resolve) => setTimeout(resolve, durationMs)),
  random: Math.random,
};

/** Names the grant in errors and logs: which campaign, which chunk of it. */
export interface GrantContext {
  readonly campaign: string;
  readonly chunk: string;
}

/** A final refusal (code 8 or 9): the message names the campaign and the chunk. */
export class FreeRoundsRefusedError extends Error {
  constructor(
    readonly context: GrantContext,
    readonly code: ServiceApiRefusalCode,
    readonly providerMessage: string,
  ) {
    super(`Choice Gaming refused the free rounds of campaign ${context.campaign}, chunk ${context.chunk}: code ${code} (${providerMessage})`);
    this.name = 'FreeRoundsRefusedError';
  }
}

export type GrantOutcome =
  | { readonly kind: 'granted'; readonly referenceId: string | null; readonly attempts: number }
  | { readonly kind: 'refused'; readonly error: FreeRoundsRefusedError; readonly attempts: number }
  | { readonly kind: 'unknown'; readonly reason: string; readonly attempts: number };

export class ServiceApiConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceApiConfigError';
  }
}

/**
 * Grants free rounds through the provider's `serviceApi.php`. Each attempt is signed afresh (a new
 * `time`, a new `hash`) over the same data: the same players and the same externalReferenceIds, so
 * that a retry is the same grant and never a second one. An attempt that ends without a readable
 * code (timeout, HTTP error, undocumented code) is retried with backoff up to `attemptsMax`; if
 * none decides, the outcome is `unknown` and the caller retries later, again with the same data.
 */
export class ChoiceGamingServiceApiClient {
  readonly #privateKey: string;
  private readonly url: string;
  private readonly identity: { readonly platform: bigint; readonly partnerId: bigint };
  private readonly timeoutMs: number;
  private readonly attemptsMax: number;
  private readonly retryDelayBaseMs: number;
  private readonly retryDelayMaxMs: number;

  constructor(
    config: ServiceApiConfig,
    private readonly transport: ServiceApiTransport,
    options: ServiceApiOptions = {},
    private readonly clock: ServiceApiClock = REAL_SERVICE_API_CLOCK,
  ) {
    assertConfig(config);
    this.#privateKey = config.privateKey;
    this.url = config.url;
    this.identity = { platform: config.platform, partnerId: config.partnerId };
    this.timeoutMs = boundedOption('timeoutMs', options.timeoutMs ?? REQUEST_TIMEOUT_MS_DEFAULT, REQUEST_TIMEOUT_MS_MIN, REQUEST_TIMEOUT_MS_MAX);
    this.attemptsMax = boundedOption('attemptsMax', options.attemptsMax ?? ATTEMPTS_DEFAULT, 1, ATTEMPTS_MAX);
    this.retryDelayBaseMs = boundedOption('retryDelayBaseMs', options.retryDelayBaseMs ?? RETRY_DELAY_BASE_MS_DEFAULT, 0, RETRY_DELAY_MS_LIMIT);
    this.retryDelayMaxMs = boundedOption('retryDelayMaxMs', options.retryDelayMaxMs ?? RETRY_DELAY_MAX_MS_DEFAULT, this.retryDelayBaseMs, RETRY_DELAY_MS_LIMIT);
  }

  async grant(grant: FreeRoundsGrant, context: GrantContext): Promise<GrantOutcome> {
    let reason = '';
    for (let attempt = 1; attempt <= this.attemptsMax; attempt++) {
      const { body } = encodeServiceApiRequest(grant, this.identity, this.#privateKey, this.clock.now());
      const result = await this.transport.post({ url: this.url, body, timeoutMs: this.timeoutMs, responseBytesMax: RESPONSE_BODY_BYTES_MAX });
      switch (result.kind) {
        case 'timeout':
          reason = `no complete answer within ${this.timeoutMs} ms`;
          break;
        case 'failed':
          reason = result.reason;
          break;
        case 'answered': {
          const answer = decodeServiceApiAnswer(result.httpStatus, result.body);
          if (answer.kind === 'granted') return { kind: 'granted', referenceId: answer.referenceId, attempts: attempt };
          if (answer.kind === 'refused') return { kind: 'refused', error: new FreeRoundsRefusedError(context, answer.code, answer.message), attempts: attempt };
          reason = answer.reason;
          break;
        }
        default:
          unreachable(result);
      }
      if (attempt < this.attemptsMax) await this.clock.sleep(retryDelayMs(attempt, this.retryDelayBaseMs, this.retryDelayMaxMs, this.clock.random));
    }
    return { kind: 'unknown', reason: `campaign ${context.campaign}, chunk ${context.chunk}: ${reason}`, attempts: this.attemptsMax };
  }

  /** Never the key: a client logged or serialized by mistake shows where it calls, nothing secret. */
  toJSON(): Record<string, string> {
    return { url: this.url, platform: this.identity.platform.toString(), partnerId: this.identity.partnerId.toString() };
  }
}

/** Exponential, capped, with "equal jitter" (half fixed, half random), as in libs/platform-client. */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const stepMs = Math.min(maxMs, baseMs * 2 ** Math.min(failedAttempts - 1, 30));
  return Math.round(stepMs / 2 + (random() * stepMs) / 2);
}

function assertConfig(config: ServiceApiConfig): void {
  const fail = (problem: string): never => {
    throw new ServiceApiConfigError(`Choice Gaming service API: ${problem}`);
  };
  let url: URL | null = null;
  try {
    url = new URL(config.url);
  } catch {
    fail('url is not a URL');
  }
  if (config.url.length > SERVICE_URL_LENGTH_MAX || (url?.protocol !== 'https:' && url?.protocol !== 'http:')) fail(`url must be http(s), at most ${SERVICE_URL_LENGTH_MAX} characters`);
  if (url?.username !== '' || url?.password !== '') fail('url must not carry credentials');
  for (const [name, value] of [['platform', config.platform], ['partnerId', config.partnerId]] as const) {
    if (value < 1n || value > PLATFORM_ID_MAX) fail(`${name} must be a positive integer`);
  }
  if (config.privateKey.length < PRIVATE_KEY_LENGTH_MIN || config.privateKey.length > PRIVATE_KEY_LENGTH_MAX) {
    fail(`privateKey must be ${PRIVATE_KEY_LENGTH_MIN}-${PRIVATE_KEY_LENGTH_MAX} characters`);
  }
}

function boundedOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new ServiceApiConfigError(`Choice Gaming service API: ${name} must be an integer in ${min}..${max}`);
  return value;
}

function unreachable(value: never): never {
  throw new Error(`unhandled transport result ${JSON.stringify(value)}`);
}
