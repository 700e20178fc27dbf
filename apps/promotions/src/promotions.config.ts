import { IsString } from 'class-validator';
import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';

export class PromotionsConfig extends DatabaseConfig {
  override HTTP_PORT = 18082;

  /** Back-office API keys, as JSON with sha256 hashes only (the wallet's format). Secret. */
  @IsString()
  BACK_OFFICE_API_KEYS = '[]';

  /** Choice Gaming service APIs per platform, with their private keys (see free-rounds-providers-config.ts). Secret. */
  @IsString()
  CHOICE_GAMING_SERVICE_APIS = '[]';
}

export function loadPromotionsConfig(env: NodeJS.ProcessEnv = process.env): PromotionsConfig {
  return loadConfig(PromotionsConfig, env);
}
