import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisLock } from '@wallet-platform/locks';
import { REDIS_CLIENT } from '@wallet-platform/service-kit';

export const PLAYER_LOCK_KEY_PREFIX = Symbol('PLAYER_LOCK_KEY_PREFIX');

/** The lock keys of one environment: `<env>:wallet:player-lock:<player id>`. Global: every module locks the same keys. */
export const PLAYER_LOCK_KEY_PREFIX_PROVIDER = (environmentName: string) => ({ provide: PLAYER_LOCK_KEY_PREFIX, useValue: `${environmentName}:wallet:player-lock` });

/** Longest a command holds a player: far above one ledger transaction, short enough to recover fast. */
export const PLAYER_LOCK_TTL_MS = 10_000;
/** Longest a command waits for another command of the same player. */
export const PLAYER_LOCK_WAIT_MS = 2_000;

export class PlayerBusyError extends Error {
  constructor(playerId: string) {
    super(`player ${playerId} stayed locked for ${PLAYER_LOCK_WAIT_MS} ms`);
    this.name = 'PlayerBusyError';
  }
}

/**
 * One command per player at a time, across every wallet instance. The lock only orders work: the
 * fence it hands out goes into the balance update, so a holder whose lock expired mid-command
 * (a long GC pause) cannot overwrite what the next holder wrote.
 */
@Injectable()
export class PlayerLock {
  private readonly lock: RedisLock;

  constructor(
    @Inject(REDIS_CLIENT) redis: Redis,
    @Inject(PLAYER_LOCK_KEY_PREFIX) private readonly keyPrefix: string,
  ) {
    this.lock = new RedisLock(redis);
  }

  async withPlayer<T>(playerId: string, work: (fence: bigint) => Promise<T>): Promise<T> {
    const handle = await this.lock.acquire(`${this.keyPrefix}:${playerId}`, PLAYER_LOCK_TTL_MS, PLAYER_LOCK_WAIT_MS);
    if (!handle) throw new PlayerBusyError(playerId);
    try {
      return await work(handle.fence);
    } finally {
      await this.lock.release(handle).catch(() => undefined); // it expires on its own
    }
  }
}
