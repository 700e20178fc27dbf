import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { runMigrationsExclusively } from '@wallet-platform/service-kit';
import { createWalletDataSource } from '../persistence/wallet-data-source';

const ADMIN_DATABASE_URL = process.env['DATABASE_URL_ADMIN'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh wallet database with every migration applied, for one integration test file. */
export async function createScratchWalletDatabase(): Promise<{ dataSource: DataSource; url: string; drop: () => Promise<void> }> {
  const name = `wallet_it_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const dataSource = await createWalletDataSource(url.toString(), 4).initialize();
  await runMigrationsExclusively(dataSource, 'wallet.migrations');
  return {
    dataSource,
    url: url.toString(),
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
