import { Module, type DynamicModule } from '@nestjs/common';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { CatalogController } from './catalog.controller';
import { CatalogStore } from './catalog.store';
import { CATALOG_LOCK_KEY_PREFIX, CATALOG_LOGGER, CATALOG_SYNC_INTERVAL_MS, CatalogSyncService } from './catalog-sync.service';

/** The game catalog: sync from the platforms (scheduled and on request) and our own switch. */
@Module({})
export class CatalogModule {
  static forRoot(backOffice: DynamicModule, options: { syncIntervalMinutes: number; environmentName: string; logger: JsonLogger }): DynamicModule {
    return {
      module: CatalogModule,
      imports: [backOffice],
      controllers: [CatalogController],
      providers: [
        CatalogStore,
        CatalogSyncService,
        { provide: CATALOG_SYNC_INTERVAL_MS, useValue: options.syncIntervalMinutes * 60_000 },
        { provide: CATALOG_LOCK_KEY_PREFIX, useValue: `${options.environmentName}:wallet:catalog-sync` },
        { provide: CATALOG_LOGGER, useValue: options.logger },
      ],
    };
  }
}

