import { Controller, Get, Global, Header, Module } from '@nestjs/common';
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

/** Imported by each service's root module next to HealthModule; bootstrapService times every request. */
@Global()
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
