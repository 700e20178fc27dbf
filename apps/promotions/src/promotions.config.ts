import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { BackOfficeServiceConfig, loadConfigWithRegistry, type WithPlatformRegistry } from '@wallet-platform/service-kit';

export class PromotionsConfig extends BackOfficeServiceConfig {
  override HTTP_PORT = 18082;

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

/** Promotions' part of the registry: each Choice Gaming platform's operator and service API (choiceGamingOperatorsOf, choiceGamingServiceApisOf). */
export type LoadedPromotionsConfig = PromotionsConfig & WithPlatformRegistry;

export function loadPromotionsConfig(env: NodeJS.ProcessEnv = process.env): LoadedPromotionsConfig {
  return loadConfigWithRegistry(PromotionsConfig, env);
}
