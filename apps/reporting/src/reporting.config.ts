import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
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

  /** Back-office API keys allowed to read the reports API, as the wallet's JSON (sha256 hashes only). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';
}

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(ReportingConfig, env);
}
