import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { LEDGER_CONSUMER_KAFKA, LEDGER_CONSUMER_SETTINGS, LedgerEventsConsumer, type LedgerConsumerSettings } from './ledger-events.consumer';
import { LEDGER_INTAKE_LOGGER, LedgerIntakeService } from './ledger-intake.service';

@Module({})
export class LedgerIntakeModule {
  static forRoot(kafka: Kafka, settings: LedgerConsumerSettings, logger: JsonLogger): DynamicModule {
    return {
      module: LedgerIntakeModule,
      providers: [
        { provide: LEDGER_CONSUMER_KAFKA, useValue: kafka },
        { provide: LEDGER_CONSUMER_SETTINGS, useValue: settings },
        { provide: LEDGER_INTAKE_LOGGER, useValue: logger },
        LedgerIntakeService,
        LedgerEventsConsumer,
      ],
      exports: [LedgerIntakeService, LedgerEventsConsumer],
    };
  }
}
