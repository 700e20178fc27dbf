import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

/**
 * A held lock: the random token proves ownership for release/extend; the fence is a number that
 * grows with every acquisition of the same key, so a store can refuse writes from a holder whose
 * lock has since expired and been taken by someone else (the database is the last guard).
 */
export interface LockHandle {
  readonly key: string;
  readonly token: string;
  readonly fence: bigint;
}

export const LOCK_TTL_MS_MAX = 5 * 60_000;

// Acquire and fence in one round trip and one atomic step: a lock is never held without a fence.
const ACQUIRE_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

// Only the holder (same token) may release or extend: a late release must not free someone else's lock.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const EXTEND_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Single-Redis mutual exclusion with token-checked release and fencing numbers. */
export class RedisLock {
  constructor(private readonly redis: Redis) {}

  /** Tries once; resolves null if someone else holds the key. */
  async tryAcquire(key: string, ttlMs: number): Promise<LockHandle | null> {
    assertTtl(ttlMs);
    const token = randomBytes(16).toString('hex');
    const fence = (await this.redis.eval(ACQUIRE_SCRIPT, 2, key, fenceKey(key), token, String(ttlMs))) as number | null;
    if (fence === null || fence === undefined) return null;
    return { key, token, fence: BigInt(fence) };
  }

  /**
   * Retries until `waitMs` has passed. Waiting is a short randomized backoff: contention on one
   * player is brief (one ledger transaction), so polling beats a pub/sub wake-up in simplicity.
   */
  async acquire(key: string, ttlMs: number, waitMs: number): Promise<LockHandle | null> {
    const deadline = Date.now() + waitMs;
    let backoffMs = 2;
    for (;;) {
      const handle = await this.tryAcquire(key, ttlMs);
      if (handle) return handle;
      if (Date.now() + backoffMs > deadline) return null;
      await sleep(backoffMs + Math.floor(Math.random() * backoffMs));
      backoffMs = Math.min(backoffMs * 2, 50);
    }
  }

  /** Extends the TTL if still held; false means the lock was lost (expired and maybe taken). */
  async extend(handle: LockHandle, ttlMs: number): Promise<boolean> {
    assertTtl(ttlMs);
    return (await this.redis.eval(EXTEND_SCRIPT, 1, handle.key, handle.token, String(ttlMs))) === 1;
  }

  /** Releases if still held; false means it had expired already (harmless for the caller's data). */
  async release(handle: LockHandle): Promise<boolean> {
    return (await this.redis.eval(RELEASE_SCRIPT, 1, handle.key, handle.token)) === 1;
  }
}

function fenceKey(key: string): string {
  return `${key}:fence`;
}

function assertTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0 || ttlMs > LOCK_TTL_MS_MAX) {
    throw new RangeError(`lock ttl must be an integer in 1..${LOCK_TTL_MS_MAX} ms, got ${ttlMs}`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
