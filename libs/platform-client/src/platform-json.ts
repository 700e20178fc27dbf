/**
 * Platform bodies are read by the outbound HTTP client's one lossless, bounded JSON reader
 * (strict UTF-8, BOM tolerated, nesting bounded before parsing, `__proto__` refused); these are
 * its names as this lib has always used them.
 */
export {
  isJsonObject,
  jsonText,
  parseLosslessJsonBody as parsePlatformJson,
  type JsonObject,
  type JsonValue,
  type ParsedJson,
} from '@wallet-platform/http-client';
