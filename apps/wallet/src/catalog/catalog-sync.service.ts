import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { RedisLock } from '@wallet-platform/locks';
import { PlatformApiClient, PlatformApiError, type PlatformGame, type PlatformLobby } from '@wallet-platform/platform-client';
import { JsonLogger, REDIS_CLIENT } from '@wallet-platform/service-kit';
import { PLATFORM_SETTINGS, type PlatformSettings } from '../platforms/platform-settings';

export const CATALOG_SYNC_INTERVAL_MS = Symbol('CATALOG_SYNC_INTERVAL_MS');
export const CATALOG_LOCK_KEY_PREFIX = Symbol('CATALOG_LOCK_KEY_PREFIX');
export const CATALOG_LOGGER = Symbol('CATALOG_LOGGER');

/** Longest one platform's sync may take; the lock that keeps replicas from syncing twice lasts as long. */
const SYNC_LOCK_TTL_MS = 5 * 60_000;
/** Rows per INSERT when storing a catalog (a platform lists thousands of games). */
const UPSERT_BATCH_ROWS = 500;

export interface CatalogSyncResult {
  readonly platformId: string;
  readonly operatorId: string;
  readonly outcome: 'ok' | 'failed' | 'skipped';
  readonly gamesSeen: number;
  readonly gamesDisabledByPlatform: number;
  readonly lobbiesSeen: number;
  /** Which platform and call failed, and why (never a secret). */
  readonly error: string | null;
}

/**
 * Keeps our `games` and `lobbies` in step with each platform's catalog: on a schedule and on
 * request. A game the platform disables, or stops listing, is answered OP_35 from then on; our own
 * switch (`enabled_by_operator`) is never touched by a sync. One replica syncs a platform at a time
 * (Redis lock); every run is recorded in `catalog_syncs`.
 */
@Injectable()
export class CatalogSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PLATFORM_SETTINGS) private readonly platforms: readonly PlatformSettings[],
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(CATALOG_SYNC_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(CATALOG_LOCK_KEY_PREFIX) private readonly lockKeyPrefix: string,
    @Inject(CATALOG_LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0 || this.platforms.length === 0) return;
    this.timer = setInterval(() => {
      if (this.running) return; // the previous round is still going: skip, do not pile up
      this.running = this.syncAll('schedule').finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  syncAll(trigger: 'schedule' | 'request', onProgress?: (result: CatalogSyncResult) => void): Promise<CatalogSyncResult[]> {
    return this.platforms.reduce<Promise<CatalogSyncResult[]>>(async (done, platform) => {
      const results = await done;
      const result = await this.sync(platform, trigger);
      onProgress?.(result);
      return [...results, result];
    }, Promise.resolve([]));
  }

  async syncPlatform(platformId: string, trigger: 'schedule' | 'request'): Promise<CatalogSyncResult[]> {
    const results: CatalogSyncResult[] = [];
    for (const platform of this.platforms.filter((candidate) => candidate.platformId === platformId)) results.push(await this.sync(platform, trigger));
    return results;
  }

  private async sync(platform: PlatformSettings, trigger: 'schedule' | 'request'): Promise<CatalogSyncResult> {
    const lock = new RedisLock(this.redis);
    const handle = await lock.tryAcquire(`${this.lockKeyPrefix}:${platform.platformId}:${platform.operatorId}`, SYNC_LOCK_TTL_MS);
    const base = { platformId: platform.platformId, operatorId: platform.operatorId };
    if (!handle) return { ...base, outcome: 'skipped', gamesSeen: 0, gamesDisabledByPlatform: 0, lobbiesSeen: 0, error: 'another replica is syncing this platform' };
    const [{ id: syncId }] = (await this.dataSource.query(`INSERT INTO catalog_syncs (platform_id, operator_id, trigger) VALUES ($1, $2, $3) RETURNING id`, [
      platform.platformId,
      platform.operatorId,
      trigger,
    ])) as Array<{ id: string }>;
    try {
      const client = new PlatformApiClient({ ...platform, secretKey: platform.secretKey.reveal() });
      const games = await client.listGames();
      const lobbies = await client.listLobbies();
      await this.store(platform.platformId, games, lobbies);
      const result: CatalogSyncResult = {
        ...base,
        outcome: 'ok',
        gamesSeen: games.length,
        gamesDisabledByPlatform: games.filter((game) => !game.enabled).length,
        lobbiesSeen: lobbies.length,
        error: null,
      };
      await this.record(syncId, result);
      this.logger.event('info', 'CatalogSync', 'catalog synced', { ...result });
      return result;
    } catch (error) {
      const message = error instanceof PlatformApiError || error instanceof Error ? error.message : String(error);
      const result: CatalogSyncResult = { ...base, outcome: 'failed', gamesSeen: 0, gamesDisabledByPlatform: 0, lobbiesSeen: 0, error: message.slice(0, 500) };
      await this.record(syncId, result);
      this.logger.event('error', 'CatalogSync', 'catalog sync failed', { ...result });
      return result;
    } finally {
      await lock.release(handle).catch(() => undefined);
    }
  }

  /** One transaction: the catalog is replaced as a whole or not at all. */
  private async store(platformId: string, games: readonly PlatformGame[], lobbies: readonly PlatformLobby[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [{ now }] = (await manager.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
      for (let start = 0; start < games.length; start += UPSERT_BATCH_ROWS) {
        const batch = games.slice(start, start + UPSERT_BATCH_ROWS).filter((game) => /^\d{1,6}$/.test(game.id));
        if (batch.length === 0) continue;
        const values: unknown[] = [];
        const rows = batch.map((game) => {
          values.push(platformId, game.id, game.title.slice(0, 255), game.enabled, game.vendor.slice(0, 100), game.type.slice(0, 100), game.platform.slice(0, 100), game.funMode, game.campaigns, game.createdAt, now);
          const offset = values.length - 11;
          return `(${Array.from({ length: 11 }, (_, index) => `$${offset + index + 1}`).join(', ')})`;
        });
        await manager.query(
          `INSERT INTO games (platform_id, game_id, title, enabled_by_platform, vendor, game_type, device_platform, fun_mode, campaigns, platform_created_on, last_seen_in_sync_at)
           VALUES ${rows.join(', ')}
           ON CONFLICT (platform_id, game_id) DO UPDATE SET
             title = EXCLUDED.title, enabled_by_platform = EXCLUDED.enabled_by_platform, vendor = EXCLUDED.vendor, game_type = EXCLUDED.game_type,
             device_platform = EXCLUDED.device_platform, fun_mode = EXCLUDED.fun_mode, campaigns = EXCLUDED.campaigns,
             platform_created_on = EXCLUDED.platform_created_on, last_seen_in_sync_at = EXCLUDED.last_seen_in_sync_at, updated_at = now()`,
          values,
        );
      }
      // A game the platform no longer lists cannot be played: treat it as disabled by the platform.
      await manager.query(
        `UPDATE games SET enabled_by_platform = false, updated_at = now()
          WHERE platform_id = $1 AND last_seen_in_sync_at IS NOT NULL AND last_seen_in_sync_at < $2 AND enabled_by_platform`,
        [platformId, now],
      );
      await manager.query(`DELETE FROM lobbies WHERE platform_id = $1`, [platformId]);
      for (const lobby of lobbies) {
        await manager.query(`INSERT INTO lobbies (platform_id, lobby_id, vendor, last_seen_in_sync_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
          platformId,
          lobby.lobbyId.slice(0, 100),
          lobby.vendor.slice(0, 100),
          now,
        ]);
      }
    });
  }

  private async record(syncId: string, result: CatalogSyncResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE catalog_syncs SET finished_at = now(), outcome = $2, games_seen = $3, games_disabled_by_platform = $4, lobbies_seen = $5, error = $6 WHERE id = $1`,
      [syncId, result.outcome, result.gamesSeen, result.gamesDisabledByPlatform, result.lobbiesSeen, result.error],
    );
  }
}
