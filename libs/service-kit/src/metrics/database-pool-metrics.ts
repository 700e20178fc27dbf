import type { DataSource } from 'typeorm';
import { gauge } from './metrics-registry';

/** The counters node-postgres keeps on its pool (pg.Pool). */
interface PostgresPoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

const pools = new Set<() => PostgresPoolCounts | undefined>();

// Registered once, read at scrape time: `collect` sums the pools registered below.
gauge({
  name: 'database_pool_connections',
  help: 'PostgreSQL pool connections by state: open (total), idle, and queries waiting for one.',
  labelNames: ['state'],
  collect() {
    let total = 0;
    let idle = 0;
    let waiting = 0;
    for (const read of pools) {
      const counts = read();
      if (counts === undefined) continue;
      total += counts.totalCount;
      idle += counts.idleCount;
      waiting += counts.waitingCount;
    }
    this.set({ state: 'total' }, total);
    this.set({ state: 'idle' }, idle);
    this.set({ state: 'waiting' }, waiting);
  },
});

const poolConnectionsMax = gauge({ name: 'database_pool_connections_max', help: 'The PostgreSQL pool size limit (DATABASE_POOL_SIZE_MAX).' });

function isPoolCounts(value: unknown): value is PostgresPoolCounts {
  if (value === null || typeof value !== 'object') return false;
  const pool = value as Record<string, unknown>;
  return typeof pool['totalCount'] === 'number' && typeof pool['idleCount'] === 'number' && typeof pool['waitingCount'] === 'number';
}

/**
 * Reports the pool of a TypeORM PostgreSQL data source. Read at scrape time from counters the pool
 * keeps anyway, so it costs nothing on the query path. Returns the function that stops reporting it.
 */
export function registerDatabasePoolMetrics(dataSource: DataSource, poolSizeMax: number | undefined): () => void {
  const read = (): PostgresPoolCounts | undefined => {
    // TypeORM's PostgresDriver keeps its pg.Pool as `master`; checked, not assumed.
    const pool: unknown = (dataSource.driver as unknown as { master?: unknown }).master;
    return isPoolCounts(pool) ? pool : undefined;
  };
  pools.add(read);
  if (poolSizeMax !== undefined) poolConnectionsMax.set(poolSizeMax);
  return () => void pools.delete(read);
}
