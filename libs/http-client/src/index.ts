export * from './http-client-limits';
export * from './outbound-http-error';
export {
  OutboundHttpClient,
  type OutboundHttpClientOptions,
  type OutboundHttpMethod,
  type OutboundJsonResponse,
  type OutboundRequest,
  type OutboundResponse,
} from './outbound-http-client';
export { isRetryableHttpStatus, REAL_RETRY_CLOCK, Repeatability, retryDelayMs, retryPolicyProblem, type RetryClock, type RetryDelayPolicy, type RetryPolicy } from './retry-policy';
export { isJsonObject, jsonText, parseLosslessJsonBody, type JsonObject, type JsonValue, type ParsedJson } from './lossless-json-body';
