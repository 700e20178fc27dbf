export * from './choice-gaming-codes';
export * from './choice-gaming-hash';
export * from './choice-gaming-limits';
export * from './generate-new-token-decoder';
export { parseRequestBody, type JsonObject, type JsonValue, type ParsedRequestBody } from './request-body-parser';
export * from './response-encoder';
export * from './award-win-decoder';
