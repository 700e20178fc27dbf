import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { GAMES_COUNT_MAX, ITEMS_PER_ANSWER_MAX, type AggregatorGame, type AggregatorProvider } from '@wallet-platform/aggregator-client';
import { RedisLock } from '@wallet-platform/locks';
import { JsonLogger, REDIS_CLIENT } from '@wallet-platform/service-kit';
import { TRANSFER_AGGREGATORS, type TransferAggregator, type TransferAggregators } from '../transfers/transfer-aggregators';
import { CATALOG_LOCK_KEY_PREFIX, CATALOG_LOGGER, CATALOG_SYNC_INTERVAL_MS } from './catalog-sync.service';

/** Longest one aggregator's sync may take; the lock that keeps replicas from syncing twice lasts as long. */
const SYNC_LOCK_TTL_MS = 5 * 60_000;
/** Rows per INSERT when storing a catalog (an aggregator lists tens of thousands of games). */
const UPSERT_BATCH_ROWS = 500;
/** Games and providers one sync stores at most: the client's own bounds on one answer, named here where the data enters the wallet. */
export const AGGREGATOR_GAMES_SYNCED_MAX = GAMES_COUNT_MAX;
export const AGGREGATOR_PROVIDERS_SYNCED_MAX = ITEMS_PER_ANSWER_MAX;
/** A sync's error text kept in `aggregator_catalog_syncs` (the column's size). */
const SYNC_ERROR_LENGTH_MAX = 500;

export interface AggregatorCatalogSyncResult {
  readonly aggregatorId: string;
  readonly outcome: 'ok' | 'failed' | 'skipped';
  readonly gamesSeen: number;
  /** Games listed before this sync and not in its answer: now marked gone (never deleted). */
  readonly gamesGone: number;
  readonly providersSeen: number;
  /** Which aggregator and call failed, and why (never the key). */
  readonly error: string | null;
}

/**
 * The provider of a game. The aggregator's games list names no provider; its game ids carry the
 * provider's id as a prefix (`pg_00001` is Pocket Games Soft's, provider `pg`). A game is given the
 * provider whose id is the part before the first `_`, if the aggregator lists that provider;
 * otherwise none (shown as unknown), never a guess.
 */
export function providerOfGame(gameId: string, providerIds: ReadonlySet<string>): string | null {
  const separator = gameId.indexOf('_');
  if (separator <= 0) return null;
  const prefix = gameId.slice(0, separator);
  return providerIds.has(prefix) ? prefix : null;
}

/**
 * Keeps `aggregator_games` and `aggregator_providers` in step with each aggregator's `games` and
 * `providers`, on the platform catalog's schedule (`CATALOG_SYNC_INTERVAL_MINUTES`) and on request.
 * Our switch (`enabled_by_operator`) is never touched by a sync; a game or provider no longer
 * listed is marked gone, not deleted. One replica syncs an aggregator at a time (Redis lock);
 * every run is recorded in `aggregator_catalog_syncs`.
 */
@Injectable()
export class AggregatorCatalogSyncService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TRANSFER_AGGREGATORS) private readonly aggregators: TransferAggregators,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(CATALOG_SYNC_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(CATALOG_LOCK_KEY_PREFIX) private readonly lockKeyPrefix: string,
    @Inject(CATALOG_LOGGER) private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0 || this.aggregators.all().length === 0) return;
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

  async syncAll(trigger: 'schedule' | 'request'): Promise<AggregatorCatalogSyncResult[]> {
    const results: AggregatorCatalogSyncResult[] = [];
    for (const aggregator of this.aggregators.all()) results.push(await this.sync(aggregator, trigger));
    return results;
  }

  /** One aggregator (UnknownAggregatorError when it is not configured). */
  async syncOne(aggregatorId: string, trigger: 'schedule' | 'request'): Promise<AggregatorCatalogSyncResult> {
    return this.sync(this.aggregators.get(aggregatorId), trigger);
  }

  private async sync(aggregator: TransferAggregator, trigger: 'schedule' | 'request'): Promise<AggregatorCatalogSyncResult> {
    const { aggregatorId, client } = aggregator;
    const lock = new RedisLock(this.redis);
    const handle = await lock.tryAcquire(`${this.lockKeyPrefix}:aggregator:${aggregatorId}`, SYNC_LOCK_TTL_MS);
    if (!handle) return { aggregatorId, outcome: 'skipped', gamesSeen: 0, gamesGone: 0, providersSeen: 0, error: 'another replica is syncing this aggregator' };
    const [{ id: syncId }] = (await this.dataSource.query(`INSERT INTO aggregator_catalog_syncs (aggregator_id, trigger) VALUES ($1, $2) RETURNING id`, [aggregatorId, trigger])) as Array<{
      id: string;
    }>;
    try {
      const providers = await client.providers();
      const games = await client.games('');
      if (games.length > AGGREGATOR_GAMES_SYNCED_MAX || providers.length > AGGREGATOR_PROVIDERS_SYNCED_MAX) {
        throw new Error(`aggregator ${aggregatorId}: more than ${AGGREGATOR_GAMES_SYNCED_MAX} games or ${AGGREGATOR_PROVIDERS_SYNCED_MAX} providers`);
      }
      const gamesGone = await this.store(aggregatorId, games, providers);
      const result: AggregatorCatalogSyncResult = { aggregatorId, outcome: 'ok', gamesSeen: games.length, gamesGone, providersSeen: providers.length, error: null };
      await this.record(syncId, result);
      this.logger.event('info', 'AggregatorCatalogSync', 'aggregator catalog synced', { ...result });
      return result;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const result: AggregatorCatalogSyncResult = { aggregatorId, outcome: 'failed', gamesSeen: 0, gamesGone: 0, providersSeen: 0, error: message.slice(0, SYNC_ERROR_LENGTH_MAX) };
      await this.record(syncId, result);
      this.logger.event('error', 'AggregatorCatalogSync', 'aggregator catalog sync failed', { ...result });
      return result;
    } finally {
      await lock.release(handle).catch(() => undefined);
    }
  }

  /**
   * One transaction: the catalog is replaced as a whole or not at all. An empty games list while
   * games are listed is refused (a glitch there must not switch the whole catalog off); a real
   * empty catalog is not a state an aggregator in service reaches.
   */
  private async store(aggregatorId: string, games: readonly AggregatorGame[], providers: readonly AggregatorProvider[]): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ now }] = (await manager.query(`SELECT now() AS now`)) as Array<{ now: Date }>;
      if (games.length === 0) {
        const [{ listed }] = (await manager.query(`SELECT count(*)::int AS listed FROM aggregator_games WHERE aggregator_id = $1 AND listed_by_aggregator`, [aggregatorId])) as Array<{
          listed: number;
        }>;
        if (listed > 0) throw new Error(`aggregator ${aggregatorId}: games answered an empty list while ${listed} games are listed; catalog kept`);
      }
      await upsertRows(
        manager,
        firstOfEachId(providers).map((provider) => [aggregatorId, provider.id, provider.name, provider.logoUrl || null, provider.active, provider.online, JSON.stringify(provider.categories), now]),
        `INSERT INTO aggregator_providers (aggregator_id, provider_id, name, logo_url, active, online, categories, last_seen_in_sync_at) VALUES`,
        `ON CONFLICT (aggregator_id, provider_id) DO UPDATE SET
           name = EXCLUDED.name, logo_url = EXCLUDED.logo_url, active = EXCLUDED.active, online = EXCLUDED.online, categories = EXCLUDED.categories,
           listed_by_aggregator = true, gone_since = NULL, last_seen_in_sync_at = EXCLUDED.last_seen_in_sync_at, updated_at = now()`,
      );
      await manager.query(
        `UPDATE aggregator_providers SET listed_by_aggregator = false, gone_since = $2, updated_at = now()
          WHERE aggregator_id = $1 AND last_seen_in_sync_at < $2 AND listed_by_aggregator`,
        [aggregatorId, now],
      );
      const providerIds = new Set(providers.map((provider) => provider.id));
      await upsertRows(
        manager,
        firstOfEachId(games).map((game) => [aggregatorId, game.id, game.name, game.logoUrl || null, game.category.id, game.category.label, providerOfGame(game.id, providerIds), now, now]),
        `INSERT INTO aggregator_games (aggregator_id, game_id, name, logo_url, category_id, category_label, provider_id, first_seen_in_sync_at, last_seen_in_sync_at) VALUES`,
        `ON CONFLICT (aggregator_id, game_id) DO UPDATE SET
           name = EXCLUDED.name, logo_url = EXCLUDED.logo_url, category_id = EXCLUDED.category_id, category_label = EXCLUDED.category_label,
           provider_id = EXCLUDED.provider_id, listed_by_aggregator = true, gone_since = NULL,
           last_seen_in_sync_at = EXCLUDED.last_seen_in_sync_at, updated_at = now()`,
      );
      const gone = (await manager.query(
        `UPDATE aggregator_games SET listed_by_aggregator = false, gone_since = $2, updated_at = now()
          WHERE aggregator_id = $1 AND last_seen_in_sync_at < $2 AND listed_by_aggregator RETURNING game_id`,
        [aggregatorId, now],
      )) as [unknown[], number];
      return gone[1];
    });
  }

  private async record(syncId: string, result: AggregatorCatalogSyncResult): Promise<void> {
    await this.dataSource.query(
      `UPDATE aggregator_catalog_syncs SET finished_at = now(), outcome = $2, games_seen = $3, games_gone = $4, providers_seen = $5, error = $6 WHERE id = $1`,
      [syncId, result.outcome, result.gamesSeen, result.gamesGone, result.providersSeen, result.error],
    );
  }
}

/** The same id twice in one answer would make one INSERT … ON CONFLICT touch a row twice (an error): the first is kept. */
function firstOfEachId<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const first = new Map<string, T>();
  for (const item of items) if (!first.has(item.id)) first.set(item.id, item);
  return [...first.values()];
}

/** Multi-row INSERTs of UPSERT_BATCH_ROWS rows each (PostgreSQL takes at most 65,535 parameters per statement). */
async function upsertRows(manager: EntityManager, rows: readonly (readonly unknown[])[], insert: string, onConflict: string): Promise<void> {
  for (let start = 0; start < rows.length; start += UPSERT_BATCH_ROWS) {
    const values: unknown[] = [];
    const tuples = rows.slice(start, start + UPSERT_BATCH_ROWS).map((row) => {
      const offset = values.length;
      values.push(...row);
      return `(${row.map((_, index) => `$${offset + index + 1}`).join(', ')})`;
    });
    await manager.query(`${insert} ${tuples.join(', ')} ${onConflict}`, values);
  }
}
