/**
 * A small seeded generator (mulberry32): a load run's mix of wins, refunds, retries and stakes is
 * reproducible from its seed. Not for anything secret.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** true with probability perMille / 1000. */
  chance(perMille: number): boolean {
    return this.next() * 1000 < perMille;
  }

  /** A bigint uniform in [min, max], for stakes in minor units. */
  bigintBetween(min: bigint, max: bigint): bigint {
    if (max < min) throw new RangeError(`empty range ${min}..${max}`);
    const span = max - min + 1n;
    // Two draws give 2^64 values, far more than any stake range, so the bias is negligible.
    const wide = (BigInt(Math.floor(this.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(this.next() * 2 ** 32));
    return min + (wide % span);
  }
}
