import Redis from 'ioredis';

/**
 * An ioredis client with the options that matter stated: bounded connect and command waits, so a
 * Redis outage turns into fast errors (and a failing readiness probe) instead of piled-up requests.
 */
export function createRedisClient(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    connectTimeout: 3_000,
    commandTimeout: 2_000,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}
