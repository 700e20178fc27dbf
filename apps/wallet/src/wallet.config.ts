import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BackOfficeServiceConfig, loadConfigWithRegistry, type WithPlatformRegistry } from '@wallet-platform/service-kit';
import { Topics } from '@wallet-platform/contracts';

export class WalletConfig extends BackOfficeServiceConfig {
  override HTTP_PORT = 18081;

  /** Command partitions processed at once; at most the partition count of wallet.commands. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Topics.walletCommands.partitions)
  WALLET_PARTITIONS_CONCURRENTLY = Topics.walletCommands.partitions;

  /** Minutes between scheduled catalog syncs of every platform; 0 turns the schedule off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  CATALOG_SYNC_INTERVAL_MINUTES = 60;

  /** Milliseconds between passes of the aggregator transfer resolver; 0 turns it off in this process. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  AGGREGATOR_RESOLVER_INTERVAL_MS = 10_000;

  /** First delay before an undecided transfer is looked at again (doubling each time, capped at 15 min). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  AGGREGATOR_RESOLVER_RETRY_BASE_MS = 5_000;

  /**
   * Milliseconds between passes of the aggregators' balance check (drift: money there that our
   * transfers and the players' play do not explain); 0 turns it off in this process, else at least 1000.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  AGGREGATOR_BALANCE_CHECK_INTERVAL_MS = 900_000;

  /**
   * Milliseconds between passes of the aggregator sessions' sweep (ends sessions launched longer
   * ago than AGGREGATOR_SESSION_IDLE_LIMIT_MS and takes ending ones a step further); 0 turns it off
   * in this process.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  AGGREGATOR_SESSION_SWEEP_INTERVAL_MS = 60_000;

  /** A session at an aggregator launched longer ago than this is ended by the sweep (its money withdrawn). */
  @Type(() => Number)
  @IsInt()
  @Min(60_000)
  @Max(7 * 86_400_000)
  AGGREGATOR_SESSION_IDLE_LIMIT_MS = 4 * 3_600_000;

  /** Age after which a transfer still pending (its call never made: its process died) is voided. */
  @Type(() => Number)
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  AGGREGATOR_PENDING_STALE_MS = 60_000;
}

/** The wallet's part of the registry: the Operator API platforms' own APIs and game launchers, per operator (platformApisOf). */
export type LoadedWalletConfig = WalletConfig & WithPlatformRegistry;

export function loadWalletConfig(env: NodeJS.ProcessEnv = process.env): LoadedWalletConfig {
  return loadConfigWithRegistry(WalletConfig, env);
}
