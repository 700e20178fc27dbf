import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { LOCK_KEYS_PER_CALL_MAX, RedisLock, type LockHandle } from '@wallet-platform/locks';
import { REDIS_CLIENT } from '@wallet-platform/service-kit';
import { StaleWriterError } from '../ledger/ledger-posting';

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

  /**
   * Locks many players at once, in one Redis round trip when none is busy. A busy player is tried
   * again with a short backoff until PLAYER_LOCK_WAIT_MS has passed, then given up (answered in
   * `busy`). `fenceFloors` lifts a player's fence above one the database has seen (after Redis
   * lost its counters).
   */
  async lockPlayers(playerIds: readonly string[], fenceFloors: ReadonlyMap<string, bigint> = new Map()): Promise<PlayerLocks> {
    const held = new Map<string, LockHandle>();
    let waiting = [...new Set(playerIds)];
    const deadline = Date.now() + PLAYER_LOCK_WAIT_MS;
    let backoffMs = 2;
    for (;;) {
      for (let start = 0; start < waiting.length; start += LOCK_KEYS_PER_CALL_MAX) {
        const slice = waiting.slice(start, start + LOCK_KEYS_PER_CALL_MAX);
        const handles = await this.lock.tryAcquireMany(
          slice.map((playerId) => ({ key: this.keyOf(playerId), fenceFloor: fenceFloors.get(playerId) ?? 0n })),
          PLAYER_LOCK_TTL_MS,
        );
        handles.forEach((handle, index) => {
          if (handle) held.set(slice[index], handle);
        });
      }
      waiting = waiting.filter((playerId) => !held.has(playerId));
      if (waiting.length === 0 || Date.now() + backoffMs > deadline) return { held, busy: waiting };
      await sleep(backoffMs + Math.floor(Math.random() * backoffMs));
      backoffMs = Math.min(backoffMs * 2, 50);
    }
  }

  /** Releases what lockPlayers took; a lock that already expired is harmless to release. */
  async unlockPlayers(handles: Iterable<LockHandle>): Promise<void> {
    await this.lock.releaseMany([...handles]).catch(() => undefined); // they expire on their own
  }

  private keyOf(playerId: string): string {
    return `${this.keyPrefix}:${playerId}`;
  }

  /**
   * Runs `work` holding one player's lock. If the database refuses the lock's fence as older than
   * one it stored (Redis lost its counters: a restart or a flush), the lock is taken again with
   * its fence lifted above the stored one and `work` runs once more: its database transaction was
   * rolled back, so nothing of the first try remains.
   */
  async withPlayer<T>(playerId: string, work: (fence: bigint) => Promise<T>): Promise<T> {
    let fenceFloor = 0n;
    for (let attempt = 1; ; attempt++) {
      const { held } = await this.lockPlayers([playerId], new Map([[playerId, fenceFloor]]));
      const handle = held.get(playerId);
      if (!handle) throw new PlayerBusyError(playerId);
      try {
        return await work(handle.fence);
      } catch (error) {
        if (attempt >= 2 || !(error instanceof StaleWriterError) || error.storedFence === null || error.storedFence < handle.fence) throw error;
        fenceFloor = error.storedFence;
      } finally {
        await this.unlockPlayers([handle]);
      }
    }
  }
}

export interface PlayerLocks {
  /** Lock handles by player id. */
  readonly held: Map<string, LockHandle>;
  /** Players someone else held for longer than PLAYER_LOCK_WAIT_MS. */
  readonly busy: string[];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
