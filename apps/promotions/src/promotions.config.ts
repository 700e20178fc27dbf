import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';

export class PromotionsConfig extends DatabaseConfig {
  override HTTP_PORT = 18082;

  /** Back-office API keys, as JSON with sha256 hashes only (the wallet's format). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';

  /** Choice Gaming service APIs per platform, with their private keys (see free-rounds-providers-config.ts). Secret. */
  @IsString()
  CHOICE_GAMING_SERVICE_APIS = '[]';

  /** The operator of each platform's players, as JSON `[{"platformId":"…","operatorId":"…"}]` (platform-operators.ts). */
  @IsString()
  PLATFORM_OPERATORS = '[]';

  /** How long the promotions service waits for the wallet; past it an award stays `crediting` and is paid once later. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  WALLET_REPLY_TIMEOUT_MS = 3_000;

  /** Wallet calls waiting at once; past it a call is refused at once (the award stays to be paid). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  WALLET_PENDING_REQUESTS_MAX = 1_000;

  /** Partitions of promotions.commands handled at once (in order within each). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  PROMOTIONS_PARTITIONS_CONCURRENTLY = 8;
}

export function loadPromotionsConfig(env: NodeJS.ProcessEnv = process.env): PromotionsConfig {
  return loadConfig(PromotionsConfig, env);
}
