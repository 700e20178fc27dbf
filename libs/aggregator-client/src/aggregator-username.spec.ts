import { createHash } from 'node:crypto';
import { aggregatorUsernameFor, isAggregatorUsername } from './aggregator-username';

describe('aggregator username of a casino player', () => {
  it('given the same operator and player, then the same username every time', () => {
    expect(aggregatorUsernameFor('wp', 'casino1', 'player-42')).toBe(aggregatorUsernameFor('wp', 'casino1', 'player-42'));
  });

  it('given a player, then prefix + the first 24 base-36 digits of sha256("operator:player"), computed here independently', () => {
    const hex = createHash('sha256').update('casino1:player-42').digest('hex');
    let value = 0n;
    for (const digit of hex) {
      value = value * 16n + BigInt(parseInt(digit, 16));
    }
    const digits = value.toString(36).padStart(50, '0').slice(0, 24);

    expect(aggregatorUsernameFor('wp', 'casino1', 'player-42')).toBe(`wp${digits}`);
  });

  it('given ids with characters the aggregator forbids (UUIDs, upper case, unicode), then the name still fits 4-30 lowercase alphanumerics', () => {
    for (const playerId of ['3F2504E0-4F89-11D3-9A0C-0305E82C3301', 'Ünïcødé player', 'x', '9'.repeat(20)]) {
      const username = aggregatorUsernameFor('abcdef', 'op', playerId);
      expect(username).toMatch(/^[a-z0-9]{4,30}$/);
      expect(username).toHaveLength(30);
      expect(username.startsWith('abcdef')).toBe(true);
    }
  });

  it('given two players, or one player of two operators, then different names', () => {
    const names = new Set([aggregatorUsernameFor('wp', 'op1', 'p1'), aggregatorUsernameFor('wp', 'op1', 'p2'), aggregatorUsernameFor('wp', 'op2', 'p1')]);
    expect(names.size).toBe(3);
  });

  it.each(['', 'WP', '1wp', 'toolong', 'w-p'])('given the prefix %p, then it is refused', (prefix) => {
    expect(() => aggregatorUsernameFor(prefix, 'op', 'p')).toThrow('usernamePrefix');
  });

  it('given an empty player id, then it is refused', () => {
    expect(() => aggregatorUsernameFor('wp', 'op', '')).toThrow('player');
  });

  it.each([
    ['abcd', true],
    ['a'.repeat(30), true],
    ['abc', false],
    ['a'.repeat(31), false],
    ['Player1', false],
    ['play_er', false],
  ])('given %p, then the rule check says %p', (text, valid) => {
    expect(isAggregatorUsername(text)).toBe(valid);
  });
});
