import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { Topics } from '@wallet-platform/contracts';
import { BackOfficeServiceConfig, loadConfigWithRegistry, type WithPlatformRegistry } from '@wallet-platform/service-kit';

export class ReportingConfig extends BackOfficeServiceConfig {
  override HTTP_PORT = 18083;

  /** Ledger-event partitions processed at once; at most the partition count of wallet.ledger-events. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Topics.walletLedgerEvents.partitions)
  REPORTING_PARTITIONS_CONCURRENTLY = 4;

  /** `on`: each closed day is reconciled by itself; `off`: on request only. */
  @IsIn(['on', 'off'])
  RECONCILIATION_SCHEDULE: 'on' | 'off' = 'on';

  /** Minutes after a UTC day ends before it is reconciled (late events land first). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 60)
  RECONCILIATION_DELAY_MINUTES = 120;

  /** Closed days the scheduler looks back over (a service that was down catches up). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(31)
  RECONCILIATION_LOOKBACK_DAYS = 3;

  /** Pause between scheduler passes; a failed run is tried again on the next. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  RECONCILIATION_TICK_MS = 300_000;

  /** Largest difference of a sum still counted as equal, e.g. "0.00" (exact, the default) or "0.01". */
  @Matches(/^(0|[1-9][0-9]{0,5})\.[0-9]{2}$/)
  RECONCILIATION_TOLERANCE_AMOUNT = '0.00';

  /** Largest difference of a count still counted as equal. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  RECONCILIATION_TOLERANCE_COUNT = 0;
}

/** Reporting's part of the registry: the platforms' APIs whose business reports it reconciles (reconciledPlatformApisOf). */
export type LoadedReportingConfig = ReportingConfig & WithPlatformRegistry;

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): LoadedReportingConfig {
  return loadConfigWithRegistry(ReportingConfig, env);
}
