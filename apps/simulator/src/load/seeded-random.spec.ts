import { SeededRandom } from './seeded-random';

describe('seeded random', () => {
  it('given the same seed, when drawn, then the sequence repeats (a run is reproducible)', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    expect([a.next(), a.next(), a.next()]).toEqual([b.next(), b.next(), b.next()]);
  });

  it('given the range 10..12 minor units, when 1000 stakes are drawn, then every one is within it and each value occurs', () => {
    const random = new SeededRandom(7);
    const seen = new Set<bigint>();
    for (let draw = 0; draw < 1000; draw++) {
      const stake = random.bigintBetween(10n, 12n);
      expect(stake >= 10n && stake <= 12n).toBe(true);
      seen.add(stake);
    }
    expect([...seen].sort()).toEqual([10n, 11n, 12n]);
  });

  it('given an empty range, when drawn, then it refuses', () => {
    expect(() => new SeededRandom(1).bigintBetween(5n, 4n)).toThrow(RangeError);
  });
});
