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

// Many keys in one round trip. KEYS are lock keys followed by their fence keys; ARGV[1] is the
// TTL, then one token and one fence floor per key. A key already held answers false (busy); an
// acquired key answers its fence, first raised to the floor if the counter is below it (a counter
// Redis lost, by a restart or a flush, restarts above every fence the database has seen).
const ACQUIRE_MANY_SCRIPT = `
local count = #KEYS / 2
local fences = {}
for i = 1, count do
  if redis.call('SET', KEYS[i], ARGV[1 + i], 'NX', 'PX', ARGV[1]) then
    local floor = tonumber(ARGV[1 + count + i])
    local current = tonumber(redis.call('GET', KEYS[count + i]) or '0')
    if current < floor then redis.call('SET', KEYS[count + i], floor) end
    fences[i] = tostring(redis.call('INCR', KEYS[count + i]))
  else
    fences[i] = false
  end
end
return fences`;

const RELEASE_MANY_SCRIPT = `
local released = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[i] then released = released + redis.call('DEL', KEYS[i]) end
end
return released`;

/** Most keys one acquireMany call takes: bounds the script's run time inside Redis. */
export const LOCK_KEYS_PER_CALL_MAX = 1_000;

/** A key to acquire, with the lowest fence the caller will accept (0: no floor). */
export interface LockRequest {
  readonly key: string;
  readonly fenceFloor?: bigint;
}

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

  /**
   * Tries once for every key, in one round trip and one atomic step; the answer has one entry per
   * request, in order: the handle, or null for a key someone else holds.
   */
  async tryAcquireMany(requests: readonly LockRequest[], ttlMs: number): Promise<Array<LockHandle | null>> {
    assertTtl(ttlMs);
    if (requests.length === 0) return [];
    if (requests.length > LOCK_KEYS_PER_CALL_MAX) throw new RangeError(`at most ${LOCK_KEYS_PER_CALL_MAX} keys per call, got ${requests.length}`);
    const tokens = requests.map(() => randomBytes(16).toString('hex'));
    const floors = requests.map((request) => {
      const floor = request.fenceFloor ?? 0n;
      if (floor < 0n) throw new RangeError(`fence floor must be >= 0, got ${floor}`);
      return floor.toString();
    });
    const keys = [...requests.map((request) => request.key), ...requests.map((request) => fenceKey(request.key))];
    const answer = (await this.redis.eval(ACQUIRE_MANY_SCRIPT, keys.length, ...keys, String(ttlMs), ...tokens, ...floors)) as Array<string | null>;
    return requests.map((request, index) => {
      const fence = answer[index];
      return fence === null || fence === undefined ? null : { key: request.key, token: tokens[index], fence: BigInt(fence) };
    });
  }

  /** Releases every handle still held, in one round trip; answers how many were released. */
  async releaseMany(handles: readonly LockHandle[]): Promise<number> {
    if (handles.length === 0) return 0;
    return (await this.redis.eval(RELEASE_MANY_SCRIPT, handles.length, ...handles.map((handle) => handle.key), ...handles.map((handle) => handle.token))) as number;
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
