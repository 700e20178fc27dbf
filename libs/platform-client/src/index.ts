export * from './platform-client-limits';
export * from './platform-api-name';
export * from './platform-api-error';
export type { PlatformApiConfig, PlatformRequestOptions } from './platform-api-config';
export { PlatformApiClient, PlatformApiArgumentError, PlatformApiPath, type HandHistoryRequest } from './platform-api-client';
export type { PlatformGame, PlatformLobby } from './catalog-decoders';
export type { BusinessReportRow } from './business-report-decoder';
export type { BalanceLimits, CurrencyBalanceLimit } from './balance-limits-decoder';
export { jsonText, type JsonObject, type JsonValue } from './platform-json';
export { isRetryableHttpStatus, retryDelayMs, type RetryDelayPolicy } from './retry-policy';
export type { RetryClock } from './platform-http';
export * from './game-launch-url';
// Test support, exported here because the lib has a single path alias; it only imports node:http
// and is never started unless a test calls FakePlatformServer.start.
export * from './testing/fake-platform-server';
