/**
 * The network fuzzer (docs/reliability.md): malformed requests over real HTTP to every endpoint of
 * the running stack — the Operator API's commands, the Choice Gaming endpoints, the wallet's back
 * office, the promotions and the reports APIs — and what must hold after them all:
 *
 * - 0 crashes: no service process exited, none answered 5xx;
 * - 0 answers out of protocol: on the Operator API every answer is signed (a hash the platform can
 *   check) or the protocol's plain 403; on Choice Gaming every answer is the vendor's envelope;
 * - 0 ledger changes: the same ledger transactions, entries and balances before and after.
 *
 * Every request is malformed on purpose: each money-moving request carries at least one mutation
 * that no valid request has, so a single one applied is a defect, not noise.
 */
import { createHash } from 'node:crypto';
import { Pool } from 'undici';
import { sha1, TEST_ADMIN_API_KEY, TEST_OPERATOR_ID, TEST_PLATFORM_ID, TEST_SECRET_KEY, utcTimestamp, type SeededPlayer, type TestStack } from '@wallet-platform/test-stack';
import { SeededRandom } from '../../../apps/simulator/src/load/seeded-random';

export const FUZZ_CHOICE_GAMING_PLATFORM_ID = 'fuzz-choice-gaming';
export const FUZZ_CHOICE_GAMING_PRIVATE_KEY = 'fuzz-cg-private-key-0123456789';
/** The promotions and reports APIs' admin key in the fuzz stack (their BACK_OFFICE_API_KEYS hold its sha256). */
export const FUZZ_SERVICE_ADMIN_KEY = 'fuzz-service-admin-key-0000000000';

/** Ours: a body just over the Operator API's 64 KiB and Choice Gaming's 16 KiB limits. */
const OVERSIZED_BYTES = 65 * 1024;
const COMMANDS = ['authenticate', 'balance', 'changebalance', 'status', 'cancel', 'finishround'] as const;
const CG_ENDPOINTS = ['generateNewToken', 'tournamentWin', 'promoWin'] as const;

export type FuzzClass =
  | 'operator-api: random bytes'
  | 'operator-api: random JSON'
  | 'operator-api: signed envelope, one field broken'
  | 'operator-api: replayed or forged signature'
  | 'operator-api: headers and path'
  | 'operator-api: oversized body'
  | 'choice-gaming: random body'
  | 'choice-gaming: signed, one field broken'
  | 'choice-gaming: bad hash or platform'
  | 'choice-gaming: oversized body'
  | 'back office: malformed'
  | 'promotions API: malformed'
  | 'reports API: malformed';

type Protocol = 'operator-api' | 'choice-gaming' | 'http-api';

interface FuzzRequest {
  readonly fuzzClass: FuzzClass;
  readonly protocol: Protocol;
  readonly origin: 'gateway' | 'wallet' | 'promotions' | 'reporting';
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer | string;
  /** A money-moving command that must never be answered OK (it is broken, or its signature is). */
  readonly mustNotApply?: boolean;
}

export interface FuzzClassResult {
  sent: number;
  /** HTTP status (or `transport`) → count. */
  answers: Record<string, number>;
  /** 5xx answers. */
  serverErrors: number;
  /** Operator API: neither signed nor the protocol's 403; Choice Gaming: not the envelope. */
  outOfProtocol: number;
  transportErrors: number;
  /** Broken money-moving commands answered OK: each one a defect. */
  answeredOk: number;
  examples: string[];
}

export interface LedgerSnapshot {
  readonly ledgerTransactions: string;
  readonly ledgerEntries: string;
  readonly balances: string;
}

export interface FuzzSummary {
  readonly requests: number;
  readonly elapsedMs: number;
  readonly classes: Record<string, FuzzClassResult>;
  readonly crashedServices: readonly string[];
  readonly serverErrors: number;
  readonly outOfProtocol: number;
  readonly brokenCommandsAnsweredOk: number;
  readonly ledgerBefore: LedgerSnapshot;
  readonly ledgerAfter: LedgerSnapshot;
  readonly ledgerChanged: boolean;
  readonly holds: boolean;
}

export interface FuzzOptions {
  readonly stack: TestStack;
  readonly ports: { readonly gateway: number; readonly wallet: number; readonly promotions: number; readonly reporting: number };
  readonly players: readonly SeededPlayer[];
  readonly requests: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export async function runNetworkFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const random = new SeededRandom(options.seed);
  const generator = new RequestGenerator(random, options.players);
  const pools = {
    gateway: new Pool(`http://127.0.0.1:${options.ports.gateway}`, { connections: options.concurrency }),
    wallet: new Pool(`http://127.0.0.1:${options.ports.wallet}`, { connections: options.concurrency }),
    promotions: new Pool(`http://127.0.0.1:${options.ports.promotions}`, { connections: options.concurrency }),
    reporting: new Pool(`http://127.0.0.1:${options.ports.reporting}`, { connections: options.concurrency }),
  };
  const classes: Record<string, FuzzClassResult> = {};
  const ledgerBefore = await ledgerSnapshot(options.stack);
  const startedAt = Date.now();
  let next = 0;
  let lastReport = Date.now();
  const worker = async () => {
    while (next < options.requests) {
      next += 1;
      const request = generator.next();
      const result = (classes[request.fuzzClass] ??= { sent: 0, answers: {}, serverErrors: 0, outOfProtocol: 0, transportErrors: 0, answeredOk: 0, examples: [] });
      result.sent += 1;
      let verdict: { label: string; serverError: boolean; outOfProtocol: boolean };
      try {
        const response = await pools[request.origin].request({
          method: request.method,
          path: request.path,
          headers: request.headers,
          body: request.body,
          headersTimeout: 15_000,
          bodyTimeout: 15_000,
        });
        const text = await response.body.text();
        verdict = judge(request, response.statusCode, text);
      } catch (error) {
        // The server may close a connection after refusing a body unread: not an answer, not a crash.
        verdict = { label: 'transport', serverError: false, outOfProtocol: false };
        result.transportErrors += 1;
        if (result.examples.length < 3) result.examples.push(`transport ${request.method} ${request.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      result.answers[verdict.label] = (result.answers[verdict.label] ?? 0) + 1;
      if (verdict.serverError) result.serverErrors += 1;
      if (verdict.outOfProtocol) result.outOfProtocol += 1;
      const appliedAnswer = request.mustNotApply === true && verdict.label === 'OK';
      if (appliedAnswer) result.answeredOk += 1;
      if ((verdict.serverError || verdict.outOfProtocol || appliedAnswer) && result.examples.length < 5) {
        result.examples.push(`${verdict.label} ${request.method} ${request.path} ${String(request.body ?? '').slice(0, 200)}`);
      }
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        options.log(`${next} of ${options.requests} sent, ${Math.round((next * 1000) / (Date.now() - startedAt))}/s`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsedMs = Date.now() - startedAt;
  await Promise.all(Object.values(pools).map((pool) => pool.close()));
  // Whatever reached the wallet is answered within its deadline; then nothing may have moved.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  const ledgerAfter = await ledgerSnapshot(options.stack);
  const crashedServices = options.stack.exitedServices();
  const serverErrors = Object.values(classes).reduce((sum, c) => sum + c.serverErrors, 0);
  const outOfProtocol = Object.values(classes).reduce((sum, c) => sum + c.outOfProtocol, 0);
  const brokenCommandsAnsweredOk = Object.values(classes).reduce((sum, c) => sum + c.answeredOk, 0);
  const ledgerChanged = JSON.stringify(ledgerBefore) !== JSON.stringify(ledgerAfter);
  return {
    requests: options.requests,
    elapsedMs,
    classes,
    crashedServices,
    serverErrors,
    outOfProtocol,
    brokenCommandsAnsweredOk,
    ledgerBefore,
    ledgerAfter,
    ledgerChanged,
    holds: crashedServices.length === 0 && serverErrors === 0 && outOfProtocol === 0 && brokenCommandsAnsweredOk === 0 && !ledgerChanged,
  };
}

function judge(request: FuzzRequest, status: number, text: string): { label: string; serverError: boolean; outOfProtocol: boolean } {
  const label = String(status);
  const serverError = status >= 500;
  switch (request.protocol) {
    case 'operator-api': {
      if (status === 403) return { label, serverError, outOfProtocol: text !== 'Access denied' };
      if (status !== 200) return { label, serverError, outOfProtocol: true };
      return { label: signedOperatorAnswer(text) ?? 'unsigned 200', serverError, outOfProtocol: signedOperatorAnswer(text) === null };
    }
    case 'choice-gaming': {
      const code = status === 200 ? envelopeCode(text) : null;
      return { label: code === null ? `${label} (not the envelope)` : `code ${code}`, serverError, outOfProtocol: code === null };
    }
    case 'http-api':
      return { label, serverError, outOfProtocol: false };
    default:
      return assertNever(request.protocol);
  }
}

/** The answer's status or error code when its hash is right (sha1(status . response_timestamp . secret)), else null. */
function signedOperatorAnswer(text: string): string | null {
  try {
    const body = JSON.parse(text) as { response?: { status?: unknown; response_timestamp?: unknown; hash?: unknown; data?: { error_code?: unknown } } };
    const response = body.response;
    if (!response || typeof response.status !== 'string' || typeof response.response_timestamp !== 'string' || typeof response.hash !== 'string') return null;
    if (sha1(response.status + response.response_timestamp + TEST_SECRET_KEY) !== response.hash) return null;
    return typeof response.data?.error_code === 'string' ? response.data.error_code : response.status;
  } catch {
    return null;
  }
}

function envelopeCode(text: string): number | null {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; data?: unknown };
    return typeof body.code === 'number' && typeof body.message === 'string' && 'data' in body ? body.code : null;
  } catch {
    return null;
  }
}

/** What the ledger holds: any change to it (a posting, an entry, a balance) is counted. */
export async function ledgerSnapshot(stack: TestStack): Promise<LedgerSnapshot> {
  const [row] = await stack.walletQuery<LedgerSnapshot>(
    `SELECT (SELECT count(*) FROM ledger_transactions)::text AS "ledgerTransactions",
            (SELECT count(*) FROM ledger_entries)::text AS "ledgerEntries",
            (SELECT COALESCE(string_agg(id::text || ':' || balance::text, ',' ORDER BY id), '') FROM accounts) AS balances`,
  );
  return { ...row, balances: createHash('sha256').update(row.balances).digest('hex') };
}

/** Builds one malformed request after another, from the seed. */
class RequestGenerator {
  constructor(
    private readonly random: SeededRandom,
    private readonly players: readonly SeededPlayer[],
  ) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)];
  }

  private int(max: number): number {
    return Math.floor(this.random.next() * max);
  }

  next(): FuzzRequest {
    const roll = this.int(100);
    if (roll < 10) return this.operatorApi('operator-api: random bytes', this.pick(COMMANDS), this.bytes(2048));
    if (roll < 20) return this.operatorApi('operator-api: random JSON', this.pick(COMMANDS), this.json(3));
    if (roll < 42) return this.brokenEnvelope();
    if (roll < 50) return this.forgedSignature();
    if (roll < 56) return this.headersAndPath();
    if (roll < 57) return this.operatorApi('operator-api: oversized body', this.pick(COMMANDS), Buffer.alloc(OVERSIZED_BYTES + this.int(4096), 'a'));
    if (roll < 63) return this.choiceGaming('choice-gaming: random body', this.pick(CG_ENDPOINTS), this.random.chance(500) ? this.bytes(1024) : Buffer.from(this.json(3)));
    if (roll < 71) return this.brokenPrize();
    if (roll < 74) return this.choiceGamingBadHash();
    if (roll < 75) return this.choiceGaming('choice-gaming: oversized body', this.pick(CG_ENDPOINTS), Buffer.alloc(17 * 1024 + this.int(4096), 'a'));
    if (roll < 88) return this.backOffice();
    if (roll < 94) return this.promotionsApi();
    return this.reportsApi();
  }

  // --- pieces ---------------------------------------------------------------

  private bytes(max: number): Buffer {
    return randomBytesSeeded(this.random, this.int(max + 1));
  }

  /** Any JSON text, nested up to `depth`. */
  private json(depth: number): string {
    const scalars = ['null', 'true', 'false', '0', '-1', '1e309', '0.1', '123456789012345678901234', '""', '"x"', '"\\u0000"', '"OP_00"', '[]', '{}', '"1.00"', '-0', '"' + 'z'.repeat(this.int(300)) + '"'];
    if (depth === 0 || this.random.chance(300)) return this.pick(scalars);
    if (this.random.chance(500)) return `[${Array.from({ length: this.int(4) }, () => this.json(depth - 1)).join(',')}]`;
    const keys = ['token', 'user_id', 'amount', 'transaction_id', 'currency_code', 'command', 'data', 'hash', '__proto__', 'constructor', 'round_id', 'x'];
    return `{${Array.from({ length: this.int(5) }, () => `"${this.pick(keys)}":${this.json(depth - 1)}`).join(',')}}`;
  }

  private player(): SeededPlayer {
    return this.pick(this.players);
  }

  private freshId(): string {
    return `9${String(this.int(1e9)).padStart(9, '0')}${String(this.int(1e5)).padStart(5, '0')}`;
  }

  private operatorApi(fuzzClass: FuzzClass, command: string, body: Buffer | string, headers: Record<string, string> = {}, platformId = TEST_PLATFORM_ID): FuzzRequest {
    return {
      fuzzClass,
      protocol: 'operator-api',
      origin: 'gateway',
      method: 'POST',
      path: `/operator-api/v2/${encodeURIComponent(platformId)}/${encodeURIComponent(command)}`,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-operator-id': TEST_OPERATOR_ID, 'x-authorization': sha1(command + TEST_SECRET_KEY), ...headers },
      body,
    };
  }

  private envelope(command: string, data: string, timestamp = utcTimestamp(), hash = sha1(command + timestamp + TEST_SECRET_KEY)): string {
    return `{"command":"${command}","request_timestamp":"${timestamp}","hash":"${hash}","data":${data}}`;
  }

  /** A valid changebalance of a real player, as fields, to be broken. */
  private changebalanceFields(player: SeededPlayer): Record<string, string> {
    return {
      token: `"${player.token}"`,
      user_id: `"${player.user_id}"`,
      transaction_type: `"${this.pick(['BET', 'WIN', 'REFUND'])}"`,
      transaction_id: this.freshId(),
      round_id: String(1 + this.int(1000)),
      round_finished: 'false',
      game_id: player.game_id,
      currency_code: `"${player.currency}"`,
      amount: this.pick(['0.01', '1.00', '5.50']),
      transaction_timestamp: `"${utcTimestamp()}"`,
      context: '{"reason":"SPIN"}',
    };
  }

  /**
   * Each one makes the command invalid whatever the other fields say: a wrong type, a value out of
   * its range, a missing required field, another player's currency. (The decoder reads `1e2` and
   * `"1.00"` as amounts by design, exactly: they are valid, so they are not here.)
   */
  private readonly fieldBreakers: ReadonlyArray<[string, readonly (string | undefined)[]]> = [
    ['amount', ['-1.00', '1.001', '1e-3', '"1.001"', 'null', 'true', '99999999999999999999.99', '[]', '0.1.1', '"abc"', undefined]],
    ['transaction_type', ['"BETT"', '"bet"', 'null', '1', '""', undefined]],
    ['transaction_id', ['"abc"', '123456789012345678901', '-5', '1.5', 'null', '{}', undefined]],
    ['currency_code', ['"XXX"', '"eur"', '""', '1', 'null', undefined]],
    ['user_id', ['""', '123', 'null', '"' + 'u'.repeat(300) + '"', undefined]],
    ['round_id', ['"x"', '-1', '1.5', '{}', undefined]],
    ['game_id', ['"abc"', '-1', '1234567', 'null', undefined]],
    ['round_finished', ['"yes"', '2', '[]']],
    ['transaction_timestamp', ['"yesterday"', '1', '"2026-13-45 99:99:99"']],
    ['token', ['"short"', '123', '"' + 'T'.repeat(80) + '"', '{}']],
  ];

  private brokenEnvelope(): FuzzRequest {
    const command = this.random.chance(700) ? 'changebalance' : this.pick(COMMANDS);
    const player = this.player();
    const fields = command === 'changebalance' ? this.changebalanceFields(player) : this.otherCommandFields(command, player);
    const breaks = 1 + this.int(3);
    for (let i = 0; i < breaks; i++) {
      const [name, values] = this.pick(command === 'changebalance' ? this.fieldBreakers : this.fieldBreakers.slice(1));
      const value = this.pick(values);
      if (value === undefined) delete fields[name];
      else fields[name] = value;
    }
    // A command that must break but happens to keep all its fields intact gets its amount broken.
    if (command === 'changebalance' && JSON.stringify(fields) === JSON.stringify(this.changebalanceFields(player))) fields['amount'] = '-1.00';
    const data = `{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
    return { ...this.operatorApi('operator-api: signed envelope, one field broken', command, this.envelope(command, data)), mustNotApply: command === 'changebalance' };
  }

  private otherCommandFields(command: string, player: SeededPlayer): Record<string, string> {
    switch (command) {
      case 'authenticate':
        return { token: `"${player.token}"` };
      case 'balance':
        return { token: `"${player.token}"`, user_id: `"${player.user_id}"`, currency_code: `"${player.currency}"` };
      default:
        // status, cancel, finishround of a transaction or round nobody played: they move nothing.
        return { user_id: `"${player.user_id}"`, transaction_id: this.freshId(), round_id: String(1 + this.int(1000)), game_id: player.game_id, transaction_type: '"BET"' };
    }
  }

  /**
   * Finding 1 of issue #13: a signature captured once must not pay. The hash covers only command,
   * timestamp and secret, so a replayed hash with its old timestamp is "valid": the freshness
   * window refuses it for a transaction we have not seen. Also hashes for another command or time.
   */
  private forgedSignature(): FuzzRequest {
    const player = this.player();
    const fields = this.changebalanceFields(player);
    fields['transaction_type'] = `"${this.pick(['WIN', 'REFUND'])}"`;
    if (this.random.chance(500)) fields['token'] = 'null';
    fields['amount'] = '500.00';
    const data = `{${Object.entries(fields).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
    const stale = this.pick(['2020-01-01 00:00:00', '2099-12-31 23:59:59', utcTimestamp(new Date(Date.now() - 7 * 86_400_000)), utcTimestamp(new Date(Date.now() - 3_600_000))]);
    const variant = this.int(3);
    const envelope =
      variant === 0
        ? this.envelope('changebalance', data, stale) // the old, correctly computed hash with its old timestamp
        : variant === 1
          ? this.envelope('changebalance', data, utcTimestamp(), sha1('balance' + utcTimestamp() + TEST_SECRET_KEY)) // another command's hash
          : this.envelope('changebalance', data, utcTimestamp(), randomBytesSeeded(this.random, 20).toString('hex')); // a made-up hash
    return { ...this.operatorApi('operator-api: replayed or forged signature', 'changebalance', envelope), mustNotApply: true };
  }

  private headersAndPath(): FuzzRequest {
    // Always a command segment: a path without one is no endpoint of the protocol (the framework's 404).
    const command = this.pick([...COMMANDS, 'ping', 'CHANGEBALANCE', '..%2F..%2Fetc', 'x'.repeat(300), ' ', 'changebalance%00']);
    const body = this.envelope('changebalance', '{}');
    const variant = this.int(6);
    const headers: Record<string, string> =
      variant === 0
        ? { 'x-authorization': 'f'.repeat(40) }
        : variant === 1
          ? { 'x-operator-id': 'nobody' }
          : variant === 2
            ? { 'x-forwarded-for': '999.1.1.1, ::zz, ' + 'a'.repeat(200) }
            : variant === 3
              ? { 'content-type': 'text/plain; charset=ebcdic' }
              : variant === 4
                ? { 'x-authorization': '' }
                : {};
    const platformId = variant === 5 ? this.pick(['nowhere', '', '%ff', 'e2e-platform/../x', 'P'.repeat(500)]) : TEST_PLATFORM_ID;
    return this.operatorApi('operator-api: headers and path', command, body, headers, platformId === '' ? ' ' : platformId);
  }

  private choiceGaming(fuzzClass: FuzzClass, endpoint: string, body: Buffer, options: { hash?: string; platformId?: string } = {}): FuzzRequest {
    const hash = options.hash ?? createHash('sha256').update(Buffer.concat([Buffer.from(FUZZ_CHOICE_GAMING_PRIVATE_KEY, 'utf8'), body])).digest('hex');
    return {
      fuzzClass,
      protocol: 'choice-gaming',
      origin: 'gateway',
      method: 'POST',
      path: `/choice-gaming/v1/${encodeURIComponent(options.platformId ?? FUZZ_CHOICE_GAMING_PLATFORM_ID)}/${endpoint}`,
      headers: { 'content-type': 'application/json', hash },
      body,
    };
  }

  private brokenPrize(): FuzzRequest {
    const player = this.player();
    const endpoint = this.pick(['tournamentWin', 'promoWin'] as const);
    const fields: Record<string, string | undefined> = {
      externalToken: `"${player.token}"`,
      playerId: `"${player.user_id}"`,
      gameId: '"123"',
      transactionId: `"fz${this.freshId()}"`,
      externalReferenceId: endpoint === 'promoWin' ? `"ref${this.freshId()}"` : undefined,
      amount: '10',
      currency: `"${player.currency}"`,
    };
    const breakers: ReadonlyArray<[string, readonly (string | undefined)[]]> = [
      ['amount', ['-10', '"10"', '10.001', '1e400', 'null', '0', undefined]],
      ['currency', ['"eur"', '""', '5', undefined]],
      ['externalToken', ['"x"', '5', 'null', undefined]],
      ['playerId', ['""', '5', 'null', '"' + 'p'.repeat(200) + '"', undefined]],
      ['transactionId', ['""', '{}', '"a b"', '"' + 't'.repeat(200) + '"', undefined]],
      ['gameId', ['"abcdefg"', '1234567', '[]']],
    ];
    const breaks = 1 + this.int(2);
    for (let i = 0; i < breaks; i++) {
      const [name, values] = this.pick(breakers);
      fields[name] = this.pick(values);
    }
    if (fields['amount'] === '10' && fields['currency'] === `"${player.currency}"` && fields['externalToken'] === `"${player.token}"`) fields['amount'] = '-10';
    const body = `{${Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
    return this.choiceGaming('choice-gaming: signed, one field broken', endpoint, Buffer.from(body));
  }

  private choiceGamingBadHash(): FuzzRequest {
    const endpoint = this.pick(CG_ENDPOINTS);
    const body = Buffer.from(this.json(2));
    const variant = this.int(3);
    if (variant === 0) return this.choiceGaming('choice-gaming: bad hash or platform', endpoint, body, { hash: this.pick(['', 'zz', 'a'.repeat(64), 'A'.repeat(65)]) });
    if (variant === 1) return this.choiceGaming('choice-gaming: bad hash or platform', endpoint, body, { platformId: this.pick(['nowhere', '%ff', 'x'.repeat(300)]) });
    return { ...this.choiceGaming('choice-gaming: bad hash or platform', endpoint, body), headers: { 'content-type': 'application/json' } };
  }

  /** A junk path parameter: unknown ids, injection-shaped text, control characters, very long. */
  private junkParam(): string {
    const player = this.player();
    return encodeURIComponent(this.pick(["1' OR '1'='1", '../../etc/passwd', '%00', '\u0000', 'ü'.repeat(50), 'x'.repeat(2000), '-1', '99999999999999999999999', player.user_id, '00000000-0000-0000-0000-000000000000', '']));
  }

  private junkQuery(): string {
    const pairs = [
      `cursor=${encodeURIComponent(this.pick(['x', 'eyJ9', Buffer.from('{"at":"nope","id":"1"}').toString('base64url'), 'A'.repeat(3000), "'; DROP TABLE x; --"]))}`,
      `limit=${this.pick(['-1', '0', '1e9', 'abc', '1000000'])}`,
      `from=${this.pick(['2026-13-01', 'yesterday', '0', '9999-12-31'])}`,
      `to=${this.pick(['2026-02-30', '', 'x'])}`,
      `currency=${this.pick(['eur', 'XXXXX', '%00'])}`,
      `day=${this.pick(['2026-00-00', 'x'])}`,
      `status=${this.pick(['weird', ''])}`,
    ];
    return Array.from({ length: this.int(4) }, () => this.pick(pairs)).join('&');
  }

  private junkBody(): Buffer | string | undefined {
    const roll = this.int(10);
    if (roll === 0) return undefined;
    if (roll === 1) return this.bytes(1024);
    if (roll === 2) return Buffer.alloc(17 * 1024, 'b');
    if (roll < 6) return this.json(3);
    // An object of the right shape with one thing wrong: amounts as numbers, negative, unknown currency.
    return this.pick([
      '{"amount":10,"currency":"EUR","idempotencyKey":"fz-1"}',
      '{"amount":"-1.00","currency":"EUR","idempotencyKey":"fz-2"}',
      '{"amount":"1.00","currency":"XXX","idempotencyKey":""}',
      '{"amount":"1.001","currency":"EUR","idempotencyKey":"fz-3","reason":null}',
      '{"amount":"1.00"}',
      '{"reference":"","name":5,"currency":"EUR"}',
      '{"playerIds":"all"}',
      '{"dailyWagerLimit":"-5"}',
    ]);
  }

  private httpApi(fuzzClass: FuzzClass, origin: FuzzRequest['origin'], routes: ReadonlyArray<[FuzzRequest['method'], string]>, adminKey: string): FuzzRequest {
    const [method, template] = this.pick(routes);
    const path = template.replace(/:[a-zA-Z]+/g, () => this.junkParam());
    const query = this.random.chance(500) ? `?${this.junkQuery()}` : '';
    const auth = this.int(4);
    const headers: Record<string, string> = { 'content-type': this.pick(['application/json', 'application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded']) };
    if (auth < 2) headers['authorization'] = `Bearer ${adminKey}`;
    else if (auth === 2) headers['authorization'] = this.pick(['Bearer ', 'Basic xyz', 'Bearer ' + 'k'.repeat(500), 'bearer wrong']);
    const body = method === 'GET' || method === 'DELETE' ? undefined : this.junkBody();
    return { fuzzClass, protocol: 'http-api', origin, method, path: `${path}${query}`, headers, body };
  }

  private backOffice(): FuzzRequest {
    return this.httpApi('back office: malformed', 'wallet', BACK_OFFICE_ROUTES, TEST_ADMIN_API_KEY);
  }

  private promotionsApi(): FuzzRequest {
    return this.httpApi('promotions API: malformed', 'promotions', PROMOTIONS_ROUTES, FUZZ_SERVICE_ADMIN_KEY);
  }

  private reportsApi(): FuzzRequest {
    return this.httpApi('reports API: malformed', 'reporting', REPORTS_ROUTES, FUZZ_SERVICE_ADMIN_KEY);
  }
}

const BACK_OFFICE_ROUTES: ReadonlyArray<[FuzzRequest['method'], string]> = [
  ['GET', '/back-office/v1/players/:playerId/transactions'],
  ['GET', '/back-office/v1/players/:playerId/rounds'],
  ['POST', '/back-office/v1/players'],
  ['GET', '/back-office/v1/players/:playerId'],
  ['GET', '/back-office/v1/players'],
  ['POST', '/back-office/v1/players/:playerId/block'],
  ['POST', '/back-office/v1/players/:playerId/unblock'],
  ['GET', '/back-office/v1/players/:playerId/limits'],
  ['PUT', '/back-office/v1/players/:playerId/limits'],
  ['POST', '/back-office/v1/players/:playerId/sessions'],
  ['DELETE', '/back-office/v1/sessions/:token'],
  ['POST', '/back-office/v1/players/:playerId/deposits'],
  ['POST', '/back-office/v1/players/:playerId/withdrawals'],
  ['POST', '/back-office/v1/players/:playerId/adjustments'],
  ['GET', '/back-office/v1/aggregators/:aggregatorId/balance-check'],
  ['POST', '/back-office/v1/players/:playerId/aggregator-transfers'],
  ['GET', '/back-office/v1/players/:playerId/aggregator-transfers'],
  ['GET', '/back-office/v1/aggregator-transfers/open'],
  ['GET', '/back-office/v1/aggregator-transfers/:transferId'],
  ['POST', '/back-office/v1/aggregator-transfers/:transferId/resolve'],
  ['POST', '/back-office/v1/aggregator-transfers/:transferId/settle'],
  ['GET', '/back-office/v1/catalog/platforms'],
  ['GET', '/back-office/v1/catalog/games'],
  ['PUT', '/back-office/v1/catalog/games/:platformId/:gameId'],
];

const PROMOTIONS_ROUTES: ReadonlyArray<[FuzzRequest['method'], string]> = [
  ['POST', '/back-office/v1/campaigns'],
  ['GET', '/back-office/v1/campaigns/:reference'],
  ['POST', '/back-office/v1/campaigns/:reference/players'],
  ['POST', '/back-office/v1/campaigns/:reference/grant'],
  ['POST', '/back-office/v1/campaigns/:reference/cancel'],
  ['GET', '/back-office/v1/campaigns/:reference/settlement'],
];

const REPORTS_ROUTES: ReadonlyArray<[FuzzRequest['method'], string]> = [
  ['GET', '/reports/v1/ggr'],
  ['GET', '/reports/v1/promotion-wins'],
  ['GET', '/reports/v1/player-days'],
  ['GET', '/reports/v1/reconciliations'],
  ['GET', '/reports/v1/reconciliations/:runId'],
  ['POST', '/reports/v1/reconciliations'],
];

function randomBytesSeeded(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random.next() * 256);
  return bytes;
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${String(value)}`);
}

