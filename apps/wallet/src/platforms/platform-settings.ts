import { ConfigurationError } from '@wallet-platform/service-kit';

/**
 * What the wallet needs to know of each game platform (per operator id): where its API and game
 * launcher live and the shared secret. From `PLATFORM_APIS` (JSON, a Kubernetes Secret):
 * `[{"platformId":"demo-platform","operatorId":"examplecasino","secretKey":"...",
 *    "apiBaseUrl":"https://api.platform.example","gameLaunchBaseUrl":"https://launch.platform.example/"}]`.
 */
export interface PlatformSettings {
  readonly platformId: string;
  readonly operatorId: string;
  readonly secretKey: string;
  readonly apiBaseUrl: string;
  readonly gameLaunchBaseUrl: string;
}

const PLATFORMS_MAX = 100;

export function parsePlatformSettings(json: string): readonly PlatformSettings[] {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`PLATFORM_APIS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > PLATFORMS_MAX) fail(`must be an array of at most ${PLATFORMS_MAX} entries`);
  const seen = new Set<string>();
  return (parsed as unknown[]).map((entry, index) => {
    const value = (entry ?? {}) as Record<string, unknown>;
    const text = (field: string, pattern: RegExp, rule: string): string => {
      const found = value[field];
      if (typeof found !== 'string' || !pattern.test(found)) fail(`[${index}].${field} ${rule}`);
      return found as string;
    };
    const settings: PlatformSettings = {
      platformId: text('platformId', /^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1-40 chars of [a-z0-9-]'),
      operatorId: text('operatorId', /^[A-Za-z0-9_.-]{1,20}$/, 'must be 1-20 chars of [A-Za-z0-9_.-]'),
      secretKey: text('secretKey', /^.{16,200}$/s, 'must be 16-200 characters'),
      apiBaseUrl: text('apiBaseUrl', /^https?:\/\/\S{1,300}$/, 'must be an http(s) URL'),
      gameLaunchBaseUrl: text('gameLaunchBaseUrl', /^https?:\/\/\S{1,300}$/, 'must be an http(s) URL'),
    };
    const key = `${settings.platformId}|${settings.operatorId}`;
    if (seen.has(key)) fail(`[${index}] platform ${settings.platformId} with operator ${settings.operatorId} is listed twice`);
    seen.add(key);
    return settings;
  });
}

export const PLATFORM_SETTINGS = Symbol('PLATFORM_SETTINGS');

export function findPlatform(platforms: readonly PlatformSettings[], platformId: string, operatorId: string): PlatformSettings | undefined {
  return platforms.find((platform) => platform.platformId === platformId && platform.operatorId === operatorId);
}
