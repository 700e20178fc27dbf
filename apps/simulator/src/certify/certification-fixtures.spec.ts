import { parseFixtures } from './certification-fixtures';

const player = (userId: string, gameId = '200') => ({ user_id: userId, token: 'A'.repeat(32), currency: 'EUR', game_id: gameId, balance: '1000.00' });
const complete = {
  funded: player('funded'),
  second: player('second'),
  blocked: player('blocked'),
  wager_limited: { ...player('limited'), daily_wager_limit: '50.00' },
  disabled_game: player('disabled', '990001'),
};

describe('certification fixtures', () => {
  it('given the five roles as the seed command prints them, when parsed, then they are accepted with no load players', () => {
    expect(parseFixtures(complete, 'f.json')).toEqual({ ...complete, players: undefined });
  });

  it('given a missing role, a short token and a float balance, when parsed, then every problem is named', () => {
    const broken = { ...complete, blocked: undefined, second: { ...player('second'), token: 'short', balance: 1000 } };
    expect(() => parseFixtures(broken, 'f.json')).toThrow(
      'f.json: bad fixtures:\n  second.token: 20-50 of [A-Za-z0-9]\n  second.balance: a DECIMAL(18,2) string\n  blocked: missing (an object with user_id, token, currency, game_id, balance)',
    );
  });

  it('given a wager limit with three decimals, when parsed, then it is refused', () => {
    expect(() => parseFixtures({ ...complete, wager_limited: { ...player('limited'), daily_wager_limit: '50.001' } }, 'f.json')).toThrow(
      'wager_limited.daily_wager_limit: a DECIMAL(18,2) string such as "50.00"',
    );
  });
});
