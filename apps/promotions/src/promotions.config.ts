import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';

export class PromotionsConfig extends DatabaseConfig {
  override HTTP_PORT = 18082;
}

export function loadPromotionsConfig(env: NodeJS.ProcessEnv = process.env): PromotionsConfig {
  return loadConfig(PromotionsConfig, env);
}
