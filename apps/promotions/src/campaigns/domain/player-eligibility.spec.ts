import { currencyCodeOf } from '@wallet-platform/money';
import { skipReasonFor } from './player-eligibility';

const EUR = currencyCodeOf('EUR');

describe('who is granted', () => {
  it.each([
    ['an active player in the campaign currency', { playerId: 'p', status: 'active', currency: EUR }, null],
    ['a blocked player', { playerId: 'p', status: 'blocked', currency: EUR }, 'blocked'],
    ['an inactive player', { playerId: 'p', status: 'inactive', currency: EUR }, 'inactive'],
    ['a player in another currency', { playerId: 'p', status: 'active', currency: currencyCodeOf('USD') }, 'currency-mismatch'],
    ['a player the wallet does not know', undefined, 'unknown-player'],
  ] as const)('given %s when checked then the skip reason is %s', (_case, facts, reason) => {
    expect(skipReasonFor(facts, EUR)).toBe(reason);
  });
});
