import type Redis from 'ioredis';
import { RedisLock, type LockHandle } from './redis-lock';

/**
 * Leases one slot out of `slotCount` (e.g. a reply partition) to one process at a time, and keeps
 * it leased with a heartbeat. If a heartbeat finds the lease lost (Redis restarted, process paused
 * past the TTL), `onLost` runs: the holder must stop using the slot at once.
 */
export class SlotLease {
  private handle: LockHandle | null = null;
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly slotCount: number,
    private readonly ttlMs: number,
    private readonly onLost: (slot: number) => void,
  ) {
    if (ttlMs < 3_000) throw new RangeError('slot lease ttl must be at least 3000 ms (heartbeat is ttl/3)');
  }

  get slot(): number | null {
    return this.handle ? Number(this.handle.key.slice(this.keyPrefix.length + 1)) : null;
  }

  /** Takes the first free slot, starting at a random one so that instances spread out. */
  async acquire(): Promise<number> {
    if (this.handle) throw new Error('slot lease already held');
    const lock = new RedisLock(this.redis);
    const start = Math.floor(Math.random() * this.slotCount);
    for (let i = 0; i < this.slotCount; i++) {
      const slot = (start + i) % this.slotCount;
      const handle = await lock.tryAcquire(`${this.keyPrefix}:${slot}`, this.ttlMs);
      if (handle) {
        this.handle = handle;
        this.heartbeat = setInterval(() => void this.renew(lock), Math.floor(this.ttlMs / 3));
        this.heartbeat.unref();
        return slot;
      }
    }
    throw new Error(`all ${this.slotCount} slots of ${this.keyPrefix} are leased: too many instances`);
  }

  async release(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const handle = this.handle;
    this.handle = null;
    if (handle) await new RedisLock(this.redis).release(handle);
  }

  private async renew(lock: RedisLock): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    let held = false;
    try {
      held = await lock.extend(handle, this.ttlMs);
    } catch {
      return; // Redis unreachable for a moment: the next heartbeat (ttl/3 later) tries again.
    }
    if (!held && this.handle === handle) {
      const slot = this.slot as number;
      if (this.heartbeat) clearInterval(this.heartbeat);
      this.heartbeat = null;
      this.handle = null;
      this.onLost(slot);
    }
  }
}
