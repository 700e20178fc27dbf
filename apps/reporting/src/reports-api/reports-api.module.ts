import { Module, type DynamicModule } from '@nestjs/common';
import { DashboardController } from '../dashboard/dashboard.controller';
import { GgrReportController } from './ggr-report.controller';
import { REPORTS_API_KEYS, ReportsApiAuthGuard, type ReportsApiKey } from './reports-api-keys';

@Module({})
export class ReportsApiModule {
  static forRoot(keys: readonly ReportsApiKey[]): DynamicModule {
    return { module: ReportsApiModule, controllers: [GgrReportController, DashboardController], providers: [{ provide: REPORTS_API_KEYS, useValue: keys }, ReportsApiAuthGuard] };
  }
}
