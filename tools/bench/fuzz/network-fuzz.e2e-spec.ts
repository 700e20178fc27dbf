import type { TestStack } from '@wallet-platform/test-stack';
import { fuzzPorts, startFuzzStack } from './fuzz-stack';
import { runNetworkFuzz, type FuzzSummary } from './network-fuzz';

const PORT_BASE = 18656;
/** The e2e share of the fuzzer; `bash tools/bench/fuzz.sh` sends 100,000. */
const REQUESTS = 3_000;

/**
 * Malformed requests over HTTP to every endpoint of the real stack (Operator API, Choice Gaming,
 * back office, promotions and reports APIs), then: no service crashed or answered 5xx, every
 * Operator API answer was signed (or the protocol's 403), every Choice Gaming answer was its
 * envelope, and the ledger is exactly as before.
 */
describe('network fuzzer: malformed requests across every endpoint', () => {
  let stack: TestStack;
  let summary: FuzzSummary;

  beforeAll(async () => {
    const started = await startFuzzStack(PORT_BASE, 4);
    stack = started.stack;
    summary = await runNetworkFuzz({ stack, ports: fuzzPorts(PORT_BASE), players: started.players, requests: REQUESTS, concurrency: 16, seed: Date.now() % 1_000_000, log: () => undefined });
    process.stdout.write(`${JSON.stringify({ elapsedMs: summary.elapsedMs, classes: Object.fromEntries(Object.entries(summary.classes).map(([name, c]) => [name, c.answers])) })}\n`);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
  }, 60_000);

  it('reaches every class of request', () => {
    expect(Object.keys(summary.classes).sort()).toEqual([
      'back office: malformed',
      'choice-gaming: bad hash or platform',
      'choice-gaming: oversized body',
      'choice-gaming: random body',
      'choice-gaming: signed, one field broken',
      'operator-api: headers and path',
      'operator-api: oversized body',
      'operator-api: random JSON',
      'operator-api: random bytes',
      'operator-api: replayed or forged signature',
      'operator-api: signed envelope, one field broken',
      'promotions API: malformed',
      'reports API: malformed',
    ]);
    expect(Object.values(summary.classes).reduce((sum, c) => sum + c.sent, 0)).toBe(REQUESTS);
  });

  it('no service crashed and none answered 5xx', () => {
    expect(summary.crashedServices).toEqual([]);
    expect(Object.fromEntries(Object.entries(summary.classes).filter(([, c]) => c.serverErrors > 0).map(([name, c]) => [name, c.examples]))).toEqual({});
  });

  it('every Operator API answer is signed or the protocol 403, every Choice Gaming answer is the envelope', () => {
    expect(Object.fromEntries(Object.entries(summary.classes).filter(([, c]) => c.outOfProtocol > 0).map(([name, c]) => [name, c.examples]))).toEqual({});
  });

  it('no broken or forged changebalance is answered OK', () => {
    expect(Object.fromEntries(Object.entries(summary.classes).filter(([, c]) => c.answeredOk > 0).map(([name, c]) => [name, c.examples]))).toEqual({});
  });

  it('the ledger is exactly as before: no posting, no entry, no balance changed', () => {
    expect(summary.ledgerAfter).toEqual(summary.ledgerBefore);
    expect(Number(summary.ledgerBefore.ledgerTransactions)).toBeGreaterThan(0);
  });
});
