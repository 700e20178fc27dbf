import 'reflect-metadata';
import { runMigrationsExclusively } from '@wallet-platform/service-kit';
import { createPromotionsDataSource, PROMOTIONS_MIGRATIONS_LOCK } from './persistence/promotions-data-source';
import { loadPromotionsConfig } from './promotions.config';

/** `node dist/apps/promotions/src/migrate.js`: applies pending migrations once, then exits. */
async function migrate(): Promise<void> {
  const config = loadPromotionsConfig();
  const dataSource = await createPromotionsDataSource(config.DATABASE_URL).initialize();
  try {
    const applied = await runMigrationsExclusively(dataSource, PROMOTIONS_MIGRATIONS_LOCK);
    process.stdout.write(JSON.stringify({ service: 'promotions', migrationsApplied: applied }) + '\n');
  } finally {
    await dataSource.destroy();
  }
}

migrate().catch((error: unknown) => {
  process.stderr.write(`promotions migrations failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
