import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrationsExclusively } from '../database/run-migrations';

/** Where scratch databases are created and dropped: the machine's PostgreSQL unless DATABASE_URL_ADMIN says otherwise. */
const ADMIN_DATABASE_URL = process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  /** Closes the data source and drops the database (connections of killed processes included). */
  readonly drop: () => Promise<void>;
}

export interface ScratchDatabaseSpec {
  /** The database name's prefix, e.g. `wallet_it`; a random suffix makes it the test file's own. */
  readonly namePrefix: string;
  /** The service's own data source on the new database's URL (its entities and migrations). */
  readonly dataSourceOf: (url: string) => DataSource;
  /** The advisory lock the service's migrations run under. */
  readonly migrationsLock: string;
}

/** A fresh database of one service with every migration applied, for one integration or e2e test file. */
export async function createScratchDatabase(spec: ScratchDatabaseSpec): Promise<ScratchDatabase> {
  const name = `${spec.namePrefix}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const dataSource = await spec.dataSourceOf(url.toString()).initialize();
  await runMigrationsExclusively(dataSource, spec.migrationsLock);
  return {
    url: url.toString(),
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
