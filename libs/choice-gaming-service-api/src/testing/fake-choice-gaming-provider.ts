import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PhpFloat, phpJsonEncode, type PhpJsonObject, type PhpJsonValue } from '../php-json';
import { EXTERNAL_REFERENCE_ID_LENGTH_MAX, PLAYER_ID_LENGTH_MAX, PLAYER_LISTS_JSON_LENGTH_MAX, REQUEST_BODY_BYTES_MAX } from '../service-api-limits';
import { parseServiceApiTime } from '../service-api-time';
import { phpJsonDecode } from './php-json-decode';

/**
 * Choice Gaming's `serviceApi.php` on loopback, strict the way the provider is: it decodes our
 * body, re-encodes `data` with PHP's json_encode rules and recomputes
 * sha256(privateKey . time . json_encode(data)); it checks platform and partner, exactly one game,
 * unique ids, the 20,000-character rule and every field's shape. Any breach is recorded in
 * `violations` (a test asserts there are none) and answered with a code our client does not know.
 *
 * Grants are kept by externalReferenceId: a reference seen again for the same player is the same
 * grant (answered 0 again, counted as a replay, never granted twice); for another player it is a
 * violation. Faults are injected per request: hold the answer past the client's deadline after the
 * grants were accepted, or answer code 8 to a chosen chunk.
 */

export interface FakeProviderOptions {
  readonly port: number;
  readonly platform: bigint;
  readonly partnerId: bigint;
  readonly privateKey: string;
}

/** A request as the fake read it, for predicates and assertions. */
export interface ReceivedGrantRequest {
  readonly action: string;
  readonly playerIds: readonly string[];
  readonly externalReferenceIds: readonly string[];
  readonly time: string;
  readonly hash: string;
  readonly form: 'single' | 'list';
  readonly data: PhpJsonObject;
}

export interface FakeGrant {
  readonly externalReferenceId: string;
  readonly playerId: string;
  readonly action: string;
  readonly referenceId: string;
  readonly data: PhpJsonObject;
}

/**
 * - `accept-then-time-out`: grant, then hold the answer `holdMs` (past the client's deadline);
 * - `refuse-code-8`: answer 8 without granting.
 * Each applies to the next `times` matching requests (every one when left out).
 */
export type FakeProviderFault =
  | { readonly kind: 'accept-then-time-out'; readonly holdMs: number; readonly when: (request: ReceivedGrantRequest) => boolean; times?: number }
  | { readonly kind: 'refuse-code-8'; readonly when: (request: ReceivedGrantRequest) => boolean; times?: number };

/** Undocumented by the vendor; ours, so a breach is never mistaken for a real answer. */
export const FAKE_PROVIDER_BREACH_CODE = 1;
/** Keeps a runaway test from filling memory. */
export const FAKE_PROVIDER_REQUESTS_MAX = 10_000;

export class FakeChoiceGamingProvider {
  readonly grants = new Map<string, FakeGrant>();
  readonly requests: ReceivedGrantRequest[] = [];
  readonly violations: string[] = [];
  /** Times a reference was granted (always 1) and replayed (a retry of an accepted grant). */
  readonly replays = new Map<string, number>();
  private readonly faults: FakeProviderFault[] = [];
  private nextReference = 1;
  private readonly held = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly options: FakeProviderOptions,
    private readonly server: Server,
  ) {}

  static async start(options: FakeProviderOptions): Promise<FakeChoiceGamingProvider> {
    const server = createServer();
    const fake = new FakeChoiceGamingProvider(options, server);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => void fake.handle(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolve());
    });
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/serviceApi.php`;
  }

  inject(fault: FakeProviderFault): void {
    this.faults.push(fault);
  }

  /** Players granted, each once, in grant order. */
  grantedPlayerIds(): string[] {
    return [...this.grants.values()].map((grant) => grant.playerId);
  }

  async stop(): Promise<void> {
    for (const timer of this.held) clearTimeout(timer);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = (code: number, message: string, data: Record<string, string> | null = null, holdMs = 0): void => {
      const body = JSON.stringify({ code, message, data });
      const send = () => {
        if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      };
      if (holdMs === 0) return send();
      const timer = setTimeout(() => {
        this.held.delete(timer);
        send();
      }, holdMs);
      this.held.add(timer);
    };
    const breach = (problem: string): void => {
      this.violations.push(problem);
      answer(FAKE_PROVIDER_BREACH_CODE, `request not valid: ${problem}`);
    };
    if (request.method !== 'POST' || request.url !== '/serviceApi.php') return breach(`${request.method} ${request.url}`);
    if (!/^application\/json/.test(request.headers['content-type'] ?? '')) return breach('content-type is not application/json');
    const raw = await readBody(request);
    if (raw === null) return breach(`body over ${REQUEST_BODY_BYTES_MAX} bytes`);

    let envelope: PhpJsonValue;
    try {
      envelope = phpJsonDecode(raw.toString('utf8'));
    } catch (error) {
      return breach(`body is not JSON PHP reads back: ${String(error)}`);
    }
    const read = readEnvelope(envelope);
    if (typeof read === 'string') return breach(read);
    const { action, platform, partnerId, time, data, hash } = read;

    // The provider's signature check, on the data as PHP holds it after json_decode.
    const expected = createHash('sha256').update(`${this.options.privateKey}${time}${phpJsonEncode(data)}`, 'utf8').digest('hex');
    if (!/^[0-9a-f]{64}$/.test(hash) || !timingSafeEqual(Buffer.from(hash), Buffer.from(expected))) {
      this.violations.push('hash not valid');
      return answer(8, 'hash not valid');
    }
    if (platform !== this.options.platform || partnerId !== this.options.partnerId) {
      this.violations.push('platform not valid');
      return answer(9, 'platform not valid (partnerid or platform values are wrong');
    }
    const grant = readGrantData(action, data);
    if (typeof grant === 'string') return breach(grant);
    const received: ReceivedGrantRequest = { action, time, hash, data, ...grant };
    if (this.requests.length < FAKE_PROVIDER_REQUESTS_MAX) this.requests.push(received);

    const fault = this.takeFault(received);
    if (fault?.kind === 'refuse-code-8') return answer(8, 'hash not valid');

    for (let i = 0; i < grant.playerIds.length; i++) {
      const existing = this.grants.get(grant.externalReferenceIds[i]);
      if (existing !== undefined && existing.playerId !== grant.playerIds[i]) {
        return breach(`externalReferenceId ${existing.externalReferenceId} already granted to ${existing.playerId}`);
      }
    }
    const referenceId = `cg-${this.nextReference++}`;
    grant.playerIds.forEach((playerId, i) => {
      const externalReferenceId = grant.externalReferenceIds[i];
      if (this.grants.has(externalReferenceId)) {
        this.replays.set(externalReferenceId, (this.replays.get(externalReferenceId) ?? 0) + 1);
      } else {
        this.grants.set(externalReferenceId, { externalReferenceId, playerId, action, referenceId, data });
      }
    });
    answer(0, 'ok', { referenceId }, fault?.kind === 'accept-then-time-out' ? fault.holdMs : 0);
  }

  private takeFault(request: ReceivedGrantRequest): FakeProviderFault | undefined {
    const index = this.faults.findIndex((fault) => fault.when(request));
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.splice(index, 1);
    }
    return fault;
  }
}

interface Envelope {
  readonly action: string;
  readonly platform: bigint;
  readonly partnerId: bigint;
  readonly time: string;
  readonly data: PhpJsonObject;
  readonly hash: string;
}

function readEnvelope(value: PhpJsonValue): Envelope | string {
  if (!isObject(value)) return 'body is not an object';
  const { action, platform, partnerId, time, data, hash } = value;
  if (action !== 'freeRounds' && action !== 'freeRoundsByBet') return `unknown action ${String(action)}`;
  if (typeof platform !== 'bigint' || typeof partnerId !== 'bigint') return 'platform and partnerId must be integers';
  if (typeof time !== 'string' || parseServiceApiTime(time) === null) return 'time is not dd-mm-yyyy hh:mm:ss';
  if (!isObject(data)) return 'data is not an object';
  if (typeof hash !== 'string') return 'hash is not a string';
  return { action, platform, partnerId, time, data, hash };
}

function readGrantData(action: string, data: PhpJsonObject): Pick<ReceivedGrantRequest, 'playerIds' | 'externalReferenceIds' | 'form'> | string {
  let playerIds: string[];
  let references: string[];
  let form: 'single' | 'list';
  if ('playerIds' in data || 'externalReferenceIds' in data) {
    if ('playerId' in data || 'externalReferenceId' in data) return 'both the single and the list form';
    const ids = data['playerIds'];
    const refs = data['externalReferenceIds'];
    if (!isStringList(ids) || !isStringList(refs)) return 'playerIds and externalReferenceIds must be lists of strings';
    if (ids.length !== refs.length || ids.length === 0) return 'playerIds and externalReferenceIds must be non-empty and of one length';
    const combined = phpJsonEncode(ids).length + phpJsonEncode(refs).length;
    if (combined > PLAYER_LISTS_JSON_LENGTH_MAX) return `player lists are ${combined} characters, over ${PLAYER_LISTS_JSON_LENGTH_MAX}`;
    [playerIds, references, form] = [ids, refs, 'list'];
  } else {
    const id = data['playerId'];
    const ref = data['externalReferenceId'];
    if (typeof id !== 'string' || typeof ref !== 'string') return 'playerId and externalReferenceId must be strings';
    [playerIds, references, form] = [[id], [ref], 'single'];
  }
  if (new Set(playerIds).size !== playerIds.length) return 'playerIds are not unique';
  if (new Set(references).size !== references.length) return 'externalReferenceIds are not unique';
  if (playerIds.some((id) => id.length === 0 || id.length > PLAYER_ID_LENGTH_MAX)) return `a playerId is not 1-${PLAYER_ID_LENGTH_MAX} characters`;
  if (references.some((ref) => ref.length === 0 || ref.length > EXTERNAL_REFERENCE_ID_LENGTH_MAX)) return `an externalReferenceId is not 1-${EXTERNAL_REFERENCE_ID_LENGTH_MAX} characters`;
  const validity = data['freeRoundValidity'];
  if (typeof validity !== 'string' || parseServiceApiTime(validity) === null) return 'freeRoundValidity is not dd-mm-yyyy hh:mm:ss';
  const rounds = data['numberOfFreeRounds'];
  if (typeof rounds !== 'bigint' || rounds < 1n) return 'numberOfFreeRounds must be a positive integer';
  const currency = data['currency'];
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return 'currency must be 3 capitals';
  if (action === 'freeRounds') {
    if (!isPositiveNumber(data['amount'])) return 'amount must be a positive number';
    const games = data['gameIds'];
    if (!isStringList(games) || games.length !== 1) return 'gameIds must list exactly one game';
    if ('betAmount' in data || 'gameId' in data) return 'freeRounds carries betAmount or gameId';
  } else {
    if (!isPositiveNumber(data['betAmount'])) return 'betAmount must be a positive number';
    if (typeof data['gameId'] !== 'string') return 'gameId must be a string';
    if ('amount' in data || 'gameIds' in data) return 'freeRoundsByBet carries amount or gameIds';
  }
  return { playerIds, externalReferenceIds: references, form };
}

function isObject(value: PhpJsonValue | undefined): value is PhpJsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PhpFloat);
}

function isStringList(value: PhpJsonValue | undefined): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isPositiveNumber(value: PhpJsonValue | undefined): boolean {
  if (typeof value === 'bigint') return value > 0n;
  return value instanceof PhpFloat && !value.text.startsWith('-') && value.text !== '0';
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REQUEST_BODY_BYTES_MAX) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
