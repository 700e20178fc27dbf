import { Money, AMOUNT_SCALE, currencyCodeOf } from '@wallet-platform/money';
import { matchStoredRequest } from '../idempotency/idempotency';
import { playerEffect, refuseBet, refuseCredit, type BetFacts, type TransactionFingerprint } from './game-play.rules';

const EUR = currencyCodeOf('EUR');
const eur = (literal: string) => Money.parseOrThrow(literal, AMOUNT_SCALE, EUR);

const allowed: BetFacts = {
  playerBlocked: false,
  playerCurrency: 'EUR',
  sessionValid: true,
  gameEnabled: true,
  balance: eur('10.00'),
  dailyWagerLimit: null,
  dailyLossLimit: null,
  wageredToday: eur('0'),
  netLossToday: eur('0'),
};

describe('refuseBet', () => {
  it('allows a bet of exactly the whole balance', () => {
    expect(refuseBet(allowed, eur('10.00'), 'EUR')).toBeNull();
  });

  it('refuses one cent more than the balance as insufficient funds', () => {
    expect(refuseBet(allowed, eur('10.01'), 'EUR')?.kind).toBe('INSUFFICIENT_FUNDS');
  });

  it('checks the session before anything else', () => {
    expect(refuseBet({ ...allowed, sessionValid: false, playerBlocked: true }, eur('1'), 'USD')?.kind).toBe('INVALID_TOKEN');
  });

  it('refuses a blocked player, another currency and a disabled game, in that order', () => {
    expect(refuseBet({ ...allowed, playerBlocked: true, gameEnabled: false }, eur('1'), 'USD')?.kind).toBe('PLAYER_BLOCKED');
    expect(refuseBet({ ...allowed, gameEnabled: false }, eur('1'), 'USD')?.kind).toBe('CURRENCY_MISMATCH');
    expect(refuseBet({ ...allowed, gameEnabled: false }, eur('1'), 'EUR')?.kind).toBe('GAME_DISABLED');
  });

  it('allows a wager that reaches the daily wager limit exactly, and refuses one cent over it', () => {
    const facts = { ...allowed, dailyWagerLimit: eur('5.00'), wageredToday: eur('4.50') };
    expect(refuseBet(facts, eur('0.50'), 'EUR')).toBeNull();
    expect(refuseBet(facts, eur('0.51'), 'EUR')?.kind).toBe('LIMIT_REACHED');
  });

  it('counts wins against the daily loss limit: a player who is ahead may lose more', () => {
    const facts = { ...allowed, dailyLossLimit: eur('2.00'), netLossToday: eur('-3.00') };
    expect(refuseBet(facts, eur('5.00'), 'EUR')).toBeNull();
    expect(refuseBet(facts, eur('5.01'), 'EUR')?.kind).toBe('LIMIT_REACHED');
  });

  it('puts the limits before the funds: a limited player hears about the limit', () => {
    expect(refuseBet({ ...allowed, dailyWagerLimit: eur('1.00') }, eur('20.00'), 'EUR')?.kind).toBe('LIMIT_REACHED');
  });
});

describe('refuseCredit', () => {
  it('pays a win in the player’s currency, and refuses any other currency', () => {
    expect(refuseCredit('EUR', 'EUR')).toBeNull();
    expect(refuseCredit('EUR', 'USD')?.kind).toBe('CURRENCY_MISMATCH');
  });
});

describe('the same transaction (OP_40), as idempotency/ matches it', () => {
  const bet: TransactionFingerprint = { type: 'BET', userId: 'u1', amount: '1.00', currency: 'EUR', gameId: '200', roundId: '9' };
  const stored = { fingerprint: bet, outcome: 'first answer' };

  it('answers an identical retry with the first answer', () => {
    expect(matchStoredRequest(stored, { ...bet })).toEqual({ kind: 'retry', outcome: 'first answer' });
  });

  it.each([
    ['type', { type: 'WIN' as const }],
    ['amount', { amount: '1.01' }],
    ['currency', { currency: 'USD' }],
    ['userId', { userId: 'u2' }],
    ['gameId', { gameId: '201' }],
    ['roundId', { roundId: '10' }],
  ])('treats a different %s as a different transaction', (field, change) => {
    expect(matchStoredRequest(stored, { ...bet, ...change })).toEqual({ kind: 'key-reused', differingFields: [field] });
  });
});

describe('playerEffect', () => {
  it('takes a bet and gives a win or a refund', () => {
    expect(playerEffect('BET', eur('0.10')).toDecimalString()).toBe('-0.10');
    expect(playerEffect('WIN', eur('0.20')).toDecimalString()).toBe('0.20');
    expect(playerEffect('REFUND', eur('0.30')).toDecimalString()).toBe('0.30');
  });
});
