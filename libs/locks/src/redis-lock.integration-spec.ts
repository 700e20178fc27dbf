import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisLock } from './redis-lock';
import { SlotLease } from './slot-lease';

/** Against the real Redis (REDIS_URL, default the local one), under a key prefix of its own. */
describe('RedisLock and SlotLease on a real Redis', () => {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = `locks-test:${randomBytes(4).toString('hex')}`;
  const lock = new RedisLock(redis);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('gives a key to one holder at a time, with a fence that grows on every acquisition', async () => {
    const first = await lock.tryAcquire(`${prefix}:player-1`, 5_000);
    expect(first).not.toBeNull();
    expect(await lock.tryAcquire(`${prefix}:player-1`, 5_000)).toBeNull();
    expect(await lock.release(first!)).toBe(true);

    const second = await lock.tryAcquire(`${prefix}:player-1`, 5_000);
    expect(second!.fence).toBe(first!.fence + 1n);
    await lock.release(second!);
  });

  it('does not let a holder whose lock expired release or extend the new holder’s lock', async () => {
    const stale = await lock.tryAcquire(`${prefix}:player-2`, 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const current = await lock.tryAcquire(`${prefix}:player-2`, 5_000);
    expect(current).not.toBeNull();

    expect(await lock.release(stale!)).toBe(false);
    expect(await lock.extend(stale!, 5_000)).toBe(false);
    expect(await redis.get(`${prefix}:player-2`)).toBe(current!.token);
    expect(current!.fence > stale!.fence).toBe(true);
    await lock.release(current!);
  });

  it('acquire waits for a release within its wait budget, and gives up after it', async () => {
    const held = await lock.tryAcquire(`${prefix}:player-3`, 5_000);
    setTimeout(() => void lock.release(held!), 60);
    const waited = await lock.acquire(`${prefix}:player-3`, 5_000, 1_000);
    expect(waited).not.toBeNull();
    expect(await lock.acquire(`${prefix}:player-3`, 5_000, 80)).toBeNull();
    await lock.release(waited!);
  });

  it('takes many keys in one call: free ones get growing fences, a held one answers null', async () => {
    const held = await lock.tryAcquire(`${prefix}:many-b`, 5_000);
    const [a, b, c] = await lock.tryAcquireMany([{ key: `${prefix}:many-a` }, { key: `${prefix}:many-b` }, { key: `${prefix}:many-c` }], 5_000);
    expect(a).not.toBeNull();
    expect(b).toBeNull();
    expect(c).not.toBeNull();
    expect(await lock.tryAcquire(`${prefix}:many-a`, 5_000)).toBeNull();
    expect(await lock.releaseMany([a!, c!])).toBe(2);
    const [again] = await lock.tryAcquireMany([{ key: `${prefix}:many-a` }], 5_000);
    expect(again!.fence).toBe(a!.fence + 1n);
    await lock.releaseMany([again!, held!]);
  });

  it('raises a fence counter that Redis lost to the floor the caller names', async () => {
    const [first] = await lock.tryAcquireMany([{ key: `${prefix}:floor` }], 5_000);
    await lock.releaseMany([first!]);
    await redis.del(`${prefix}:floor:fence`); // what a FLUSHALL or a restart does to the counter
    const [low] = await lock.tryAcquireMany([{ key: `${prefix}:floor` }], 5_000);
    expect(low!.fence).toBe(1n);
    await lock.releaseMany([low!]);
    const [raised] = await lock.tryAcquireMany([{ key: `${prefix}:floor`, fenceFloor: 12_345_678_901_234n }], 5_000);
    expect(raised!.fence).toBe(12_345_678_901_235n);
    await lock.releaseMany([raised!]);
    const [above] = await lock.tryAcquireMany([{ key: `${prefix}:floor`, fenceFloor: 5n }], 5_000);
    expect(above!.fence).toBe(12_345_678_901_236n);
    await lock.releaseMany([above!]);
  });

  it('leases distinct slots to concurrent holders and refuses one more than there are slots', async () => {
    const leases = Array.from({ length: 4 }, () => new SlotLease(redis, `${prefix}:slots`, 4, 3_000, () => undefined));
    const slots = await Promise.all(leases.map((lease) => lease.acquire()));
    expect(new Set(slots).size).toBe(4);
    await expect(new SlotLease(redis, `${prefix}:slots`, 4, 3_000, () => undefined).acquire()).rejects.toThrow(/all 4 slots/);
    await Promise.all(leases.map((lease) => lease.release()));
  });

  it('tells the holder when its lease was lost', async () => {
    const lost: number[] = [];
    const lease = new SlotLease(redis, `${prefix}:lost`, 1, 3_000, (slot) => lost.push(slot));
    const slot = await lease.acquire();
    await redis.set(`${prefix}:lost:${slot}`, 'someone-else');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(lost).toEqual([slot]);
    await lease.release();
  });
});
