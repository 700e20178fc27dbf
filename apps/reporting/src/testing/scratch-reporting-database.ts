import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrationsExclusively } from '@wallet-platform/service-kit';
import { createReportingDataSource, REPORTING_MIGRATIONS_LOCK } from '../persistence/reporting-data-source';

const ADMIN_DATABASE_URL = process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface ScratchReportingDatabase {
  readonly url: string;
  readonly dataSource: DataSource;
  readonly drop: () => Promise<void>;
}

/** A fresh reporting database with every migration applied, for one integration test. */
export async function createScratchReportingDatabase(): Promise<ScratchReportingDatabase> {
  const name = `reporting_it_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const dataSource = await createReportingDataSource(url.toString(), 4).initialize();
  await runMigrationsExclusively(dataSource, REPORTING_MIGRATIONS_LOCK);
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
