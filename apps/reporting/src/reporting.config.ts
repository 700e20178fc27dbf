import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Topics } from '@wallet-platform/contracts';
import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';

export class ReportingConfig extends DatabaseConfig {
  override HTTP_PORT = 18083;

  /** Ledger-event partitions processed at once; at most the partition count of wallet.ledger-events. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Topics.walletLedgerEvents.partitions)
  REPORTING_PARTITIONS_CONCURRENTLY = 4;
}

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(ReportingConfig, env);
}
