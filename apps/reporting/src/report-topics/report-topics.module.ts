import { Module, type DynamicModule } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { JsonLogger } from '@wallet-platform/service-kit';
import { GgrPublisher, REPORT_PUBLISHER_ENVIRONMENT_NAME, REPORT_PUBLISHER_KAFKA, REPORT_PUBLISHER_LOGGER } from './ggr-publisher';

@Module({})
export class ReportTopicsModule {
  static forRoot(kafka: Kafka, environmentName: string, logger: JsonLogger): DynamicModule {
    return {
      module: ReportTopicsModule,
      providers: [
        { provide: REPORT_PUBLISHER_KAFKA, useValue: kafka },
        { provide: REPORT_PUBLISHER_ENVIRONMENT_NAME, useValue: environmentName },
        { provide: REPORT_PUBLISHER_LOGGER, useValue: logger },
        GgrPublisher,
      ],
      exports: [GgrPublisher],
    };
  }
}
