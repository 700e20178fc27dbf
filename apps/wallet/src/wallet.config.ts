import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';
import { Topics } from '@wallet-platform/contracts';

export class WalletConfig extends DatabaseConfig {
  override HTTP_PORT = 18081;

  /** Command partitions processed at once; at most the partition count of wallet.commands. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Topics.walletCommands.partitions)
  WALLET_PARTITIONS_CONCURRENTLY = Topics.walletCommands.partitions;

  /** Back-office API keys, as JSON with sha256 hashes only (see back-office-api-keys.ts). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';

  /** Game platforms' API and launch hosts and secrets, as JSON (see platform-settings.ts). Secret. */
  @IsString()
  PLATFORM_APIS = '[]';

  /** Minutes between scheduled catalog syncs of every platform; 0 turns the schedule off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(24 * 60)
  CATALOG_SYNC_INTERVAL_MINUTES = 60;
}

export function loadWalletConfig(env: NodeJS.ProcessEnv = process.env): WalletConfig {
  return loadConfig(WalletConfig, env);
}
