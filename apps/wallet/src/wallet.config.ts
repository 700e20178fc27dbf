import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
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
}

export function loadWalletConfig(env: NodeJS.ProcessEnv = process.env): WalletConfig {
  return loadConfig(WalletConfig, env);
}
