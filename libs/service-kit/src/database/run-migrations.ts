import type { DataSource } from 'typeorm';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so that several replicas (or a
 * migration job and a developer) starting at once apply each migration exactly once.
 */
export async function runMigrationsExclusively(dataSource: DataSource, lockName: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockName]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await runner.release();
  }
}
