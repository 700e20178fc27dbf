import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { DatabaseConfig, EMPTY_PLATFORM_REGISTRY, loadConfigWithRegistry, type WithPlatformRegistry } from '@wallet-platform/service-kit';

export class PromotionsConfig extends DatabaseConfig {
  override HTTP_PORT = 18082;

  /** Back-office API keys, as JSON with sha256 hashes only (the wallet's format). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';

  /**
   * The platform registry (docs/platform-registry.md), JSON, from the one Secret every service
   * mounts. The promotions service takes its Choice Gaming platforms: the operator of each one's
   * players (campaign grants ask the wallet under it) and, where set, the service API that grants
   * free rounds. None when left out.
   */
  @IsString()
  PLATFORM_REGISTRY = EMPTY_PLATFORM_REGISTRY;

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

export type LoadedPromotionsConfig = PromotionsConfig & WithPlatformRegistry;

export function loadPromotionsConfig(env: NodeJS.ProcessEnv = process.env): LoadedPromotionsConfig {
  return loadConfigWithRegistry(PromotionsConfig, env);
}
