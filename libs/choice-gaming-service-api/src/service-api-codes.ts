/**
 * The result codes of the provider's service API, and the one table that decides what each means
 * for a grant. The document defines 0 (ok), 8 (hash not valid) and 9 (platform not valid); any
 * other code is one we cannot interpret, so the grant's fate is unknown, never assumed.
 *
 * | code  | provider's meaning | outcome for the chunk                                  |
 * | ----- | ------------------ | ------------------------------------------------------ |
 * | 0     | ok                 | granted; `data.referenceId` kept                       |
 * | 8     | hash not valid     | refused, final: the same request can only fail again   |
 * | 9     | platform not valid | refused, final: our platform/partner configuration     |
 * | other | (undocumented)     | unknown: retried later with the same references        |
 */
export const ServiceApiCode = { Ok: 0, InvalidHash: 8, InvalidPlatform: 9 } as const;
export type ServiceApiCode = (typeof ServiceApiCode)[keyof typeof ServiceApiCode];
export type ServiceApiRefusalCode = typeof ServiceApiCode.InvalidHash | typeof ServiceApiCode.InvalidPlatform;

export const SERVICE_API_MESSAGES: Readonly<Record<ServiceApiCode, string>> = {
  0: 'ok',
  8: 'hash not valid',
  9: 'platform not valid',
};

export const CodeMeaning = { Granted: 'granted', Refused: 'refused', Unknown: 'unknown' } as const;
export type CodeMeaning = (typeof CodeMeaning)[keyof typeof CodeMeaning];

export function meaningOfCode(code: bigint): CodeMeaning {
  if (code === 0n) return CodeMeaning.Granted;
  if (code === 8n || code === 9n) return CodeMeaning.Refused;
  return CodeMeaning.Unknown;
}
