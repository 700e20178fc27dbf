import { ConfigurationError } from '@wallet-platform/service-kit';

/**
 * The platforms whose business reports we reconcile, from `RECONCILIATION_PLATFORMS` (JSON, a
 * Secret): the wallet's `PLATFORM_APIS` format, so the same Secret can be mounted in both; fields
 * the reporting service does not use (`gameLaunchBaseUrl`) are allowed and ignored.
 * `[{"platformId":"demo-platform","operatorId":"examplecasino","secretKey":"...","apiBaseUrl":"https://api.platform.example"}]`
 * The parsing repeats apps/wallet/src/platforms/platform-settings.ts (an app may not import
 * another); both belong in the platform registry of issue 9.
 */
export interface ReconciledPlatform {
  readonly platformId: string;
  readonly operatorId: string;
  readonly secretKey: string;
  readonly apiBaseUrl: string;
}

export const RECONCILED_PLATFORMS_MAX = 100;

export function parseReconciledPlatforms(json: string): readonly ReconciledPlatform[] {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`RECONCILIATION_PLATFORMS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > RECONCILED_PLATFORMS_MAX) fail(`must be an array of at most ${RECONCILED_PLATFORMS_MAX} entries`);
  const seen = new Set<string>();
  return (parsed as unknown[]).map((entry, index) => {
    const value = (entry ?? {}) as Record<string, unknown>;
    const text = (field: string, pattern: RegExp, rule: string): string => {
      const found = value[field];
      if (typeof found !== 'string' || !pattern.test(found)) fail(`[${index}].${field} ${rule}`);
      return found as string;
    };
    const platform: ReconciledPlatform = {
      platformId: text('platformId', /^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 chars of [a-z0-9-]'),
      operatorId: text('operatorId', /^[A-Za-z0-9_.-]{1,20}$/, 'must be 1-20 chars of [A-Za-z0-9_.-]'),
      secretKey: text('secretKey', /^.{16,200}$/s, 'must be 16-200 characters'),
      apiBaseUrl: text('apiBaseUrl', /^https?:\/\/\S{1,300}$/, 'must be an http(s) URL'),
    };
    const key = `${platform.platformId}|${platform.operatorId}`;
    if (seen.has(key)) fail(`[${index}] platform ${platform.platformId} with operator ${platform.operatorId} is listed twice`);
    seen.add(key);
    return platform;
  });
}
