import { matchStoredRequest, postingIdempotencyKey, type PostingSource } from './idempotency';

describe('postingIdempotencyKey', () => {
  it('keeps the stored spelling of every source (changing one would let a retry post twice)', () => {
    const sources: Array<[PostingSource, string]> = [
      [{ kind: 'game', platformId: 'pf', operatorId: 'op', transactionId: '1' }, 'game:pf:op:1'],
      [{ kind: 'game-cancel', platformId: 'pf', operatorId: 'op', transactionId: '1' }, 'game-cancel:pf:op:1'],
      [{ kind: 'promotion', platformId: 'pf', operatorId: 'op', awardId: 'a1' }, 'promotion:pf:op:a1'],
      [{ kind: 'cashier', operatorId: 'op', idempotencyKey: 'deposit-0001' }, 'cashier:op:deposit-0001'],
      [{ kind: 'seed-deposit', operatorId: 'op', userId: 'u1' }, 'seed:op:u1:initial-deposit'],
      [{ kind: 'aggregator-transfer', transferId: 't1', step: 'voided' }, 'aggregator-transfer:t1:voided'],
    ];
    for (const [source, key] of sources) expect(postingIdempotencyKey(source)).toBe(key);
  });

  it('never gives two sources the same key for the same caller key', () => {
    const game = postingIdempotencyKey({ kind: 'game', platformId: 'pf', operatorId: 'op', transactionId: '1' });
    const cancel = postingIdempotencyKey({ kind: 'game-cancel', platformId: 'pf', operatorId: 'op', transactionId: '1' });
    const award = postingIdempotencyKey({ kind: 'promotion', platformId: 'pf', operatorId: 'op', awardId: '1' });
    expect(new Set([game, cancel, award]).size).toBe(3);
  });
});

describe('matchStoredRequest', () => {
  const first = { fingerprint: { userId: 'u1', amount: '10.00', currency: 'EUR' }, outcome: { balance: '90.00' } };

  it('decides a new key', () => {
    expect(matchStoredRequest(undefined, first.fingerprint)).toEqual({ kind: 'new' });
  });

  it('answers the same request with the first outcome', () => {
    expect(matchStoredRequest(first, { userId: 'u1', amount: '10.00', currency: 'EUR' })).toEqual({ kind: 'retry', outcome: { balance: '90.00' } });
  });

  it('refuses a reused key and names every field that differs', () => {
    expect(matchStoredRequest(first, { userId: 'u1', amount: '10.01', currency: 'USD' })).toEqual({ kind: 'key-reused', differingFields: ['amount', 'currency'] });
  });

  it('compares money as the exact decimal text: 10.0 is not 10.00 (callers pass the full scale)', () => {
    expect(matchStoredRequest(first, { userId: 'u1', amount: '10.0', currency: 'EUR' }).kind).toBe('key-reused');
  });

  it('throws on fingerprints of different shapes: a programming error, never a silent match', () => {
    expect(() => matchStoredRequest(first, { userId: 'u1', amount: '10.00' } as never)).toThrow(/different shapes/);
  });
});
