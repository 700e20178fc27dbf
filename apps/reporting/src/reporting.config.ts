import { DatabaseConfig, loadConfig } from '@wallet-platform/service-kit';

export class ReportingConfig extends DatabaseConfig {
  override HTTP_PORT = 18083;
}

export function loadReportingConfig(env: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(ReportingConfig, env);
}
