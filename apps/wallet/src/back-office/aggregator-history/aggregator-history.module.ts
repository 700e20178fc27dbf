import { Module, type DynamicModule } from '@nestjs/common';
import { TRANSFER_AGGREGATORS, type TransferAggregators } from '../../transfers/transfer-aggregators';
import { AggregatorHistoryController } from './aggregator-history.controller';
import { AggregatorPlayersStore } from './aggregator-players.store';

/** The back office's window on a player's history and game logs at each aggregator. */
@Module({})
export class AggregatorHistoryModule {
  static forRoot(backOffice: DynamicModule, options: { readonly aggregators: TransferAggregators }): DynamicModule {
    return {
      module: AggregatorHistoryModule,
      imports: [backOffice],
      controllers: [AggregatorHistoryController],
      providers: [AggregatorPlayersStore, { provide: TRANSFER_AGGREGATORS, useValue: options.aggregators }],
    };
  }
}
