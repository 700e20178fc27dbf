import { Controller, Get, Global, Header, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { stopTracing } from '../tracing/tracing';
import { metricsRegistry } from './metrics-registry';

/** `GET /metrics`: the registry in Prometheus' text format, on the service's HTTP port. */
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', metricsRegistry.contentType)
  async metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}

/** Sends the spans still buffered when the service stops (after its consumers drained). */
@Injectable()
export class TracingShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}

/**
 * Imported by each service's root module next to HealthModule: `/metrics`, and the end of tracing
 * at shutdown. bootstrapService times and traces every request.
 */
@Global()
@Module({ controllers: [MetricsController], providers: [TracingShutdown] })
export class MetricsModule {}
