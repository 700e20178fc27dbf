import { Module, type DynamicModule } from '@nestjs/common';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { CatalogController } from './catalog.controller';
import { CatalogStore } from './catalog.store';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../transfers/transfer-aggregators';
import { AggregatorCatalogController } from './aggregator-catalog.controller';
import { AggregatorCatalogStore } from './aggregator-catalog.store';
import { AggregatorCatalogSyncService } from './aggregator-catalog-sync.service';
import { CATALOG_LOCK_KEY_PREFIX, CATALOG_LOGGER, CATALOG_SYNC_INTERVAL_MS, CatalogSyncService } from './catalog-sync.service';

/**
 * The game catalog: sync from the platforms and from the transfer-wallet aggregators (scheduled
 * and on request), and our own switch.
 */
@Module({})
export class CatalogModule {
  static forRoot(backOffice: DynamicModule, options: { syncIntervalMinutes: number; environmentName: string; logger: JsonLogger; aggregators: TransferAggregators }): DynamicModule {
    return {
      module: CatalogModule,
      imports: [backOffice],
      controllers: [CatalogController, AggregatorCatalogController],
      providers: [
        CatalogStore,
        CatalogSyncService,
        AggregatorCatalogStore,
        AggregatorCatalogSyncService,
        { provide: TRANSFER_AGGREGATORS, useValue: options.aggregators },
        { provide: CATALOG_SYNC_INTERVAL_MS, useValue: options.syncIntervalMinutes * 60_000 },
        { provide: CATALOG_LOCK_KEY_PREFIX, useValue: `${options.environmentName}:wallet:catalog-sync` },
        { provide: CATALOG_LOGGER, useValue: options.logger },
      ],
    };
  }
}

