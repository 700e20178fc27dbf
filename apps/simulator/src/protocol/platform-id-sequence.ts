/**
 * Transaction and round ids as a platform issues them: unique, and 20 digits long, beyond both
 * JavaScript's safe integers (2^53) and a signed 64-bit column (9.2e18), so that every id the
 * simulator sends tests the exact-id path. Ids are the start time in milliseconds times 10^7 plus a
 * counter: two runs started a millisecond apart have 10^7 ids each before they could meet.
 */
export const IDS_PER_SEQUENCE_MAX = 10_000_000n;
export const PLATFORM_ID_DIGITS_MAX = 20;

export class PlatformIdSequence {
  private issued = 0n;
  private readonly base: bigint;

  constructor(startedAtMs = Date.now()) {
    this.base = BigInt(startedAtMs) * IDS_PER_SEQUENCE_MAX;
    if (this.base.toString().length > PLATFORM_ID_DIGITS_MAX) throw new RangeError(`start time ${startedAtMs} ms gives ids over ${PLATFORM_ID_DIGITS_MAX} digits`);
  }

  next(): string {
    if (this.issued >= IDS_PER_SEQUENCE_MAX) throw new RangeError(`more than ${IDS_PER_SEQUENCE_MAX} ids from one sequence`);
    const id = this.base + this.issued;
    this.issued += 1n;
    return id.toString();
  }
}
