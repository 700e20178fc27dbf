import { ChoiceGamingServiceApiClient, OutboundHttpServiceApiTransport, ServiceApiConfigError } from '@wallet-platform/choice-gaming-service-api';
import { ConfigurationError } from '@wallet-platform/service-kit';
import { FreeRoundsProviderName } from '../domain/campaign';
import type { FreeRoundsProvider, FreeRoundsProviders } from '../domain/free-rounds-provider.port';
import { ChoiceGamingFreeRoundsProvider } from './choice-gaming-free-rounds.provider';

const PLATFORMS_MAX = 50;

/**
 * `CHOICE_GAMING_SERVICE_APIS` (secret): JSON
 * `[{"platformId":"choice-gaming","url":"https://…/serviceApi.php","platform":8,"partnerId":1,"privateKey":"…"}]`,
 * optionally with `"timeoutMs"` (one call's deadline, the client's bounds; 10 s when left out).
 * A problem is reported by field and index, never with the key's value.
 */
export function parseFreeRoundsProviders(json: string): FreeRoundsProviders {
  const fail = (problem: string): never => {
    throw new ConfigurationError([`CHOICE_GAMING_SERVICE_APIS: ${problem}`]);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    fail('is not valid JSON');
  }
  if (!Array.isArray(parsed) || parsed.length > PLATFORMS_MAX) fail(`must be an array of at most ${PLATFORMS_MAX} platforms`);
  const byPlatform = new Map<string, FreeRoundsProvider>();
  (parsed as unknown[]).forEach((entry, index) => {
    const { platformId, url, platform, partnerId, privateKey, timeoutMs } = (entry ?? {}) as Record<string, unknown>;
    if (typeof platformId !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(platformId)) fail(`[${index}].platformId must be 1-40 chars of [A-Za-z0-9._-]`);
    if (byPlatform.has(platformId as string)) fail(`[${index}].platformId ${String(platformId)} is listed twice`);
    if (!Number.isSafeInteger(platform) || !Number.isSafeInteger(partnerId)) fail(`[${index}].platform and partnerId must be integers`);
    if (typeof url !== 'string' || typeof privateKey !== 'string') fail(`[${index}].url and privateKey must be strings`);
    if (timeoutMs !== undefined && !Number.isSafeInteger(timeoutMs)) fail(`[${index}].timeoutMs must be an integer of milliseconds`);
    try {
      const client = new ChoiceGamingServiceApiClient(
        { url: url as string, platform: BigInt(platform as number), partnerId: BigInt(partnerId as number), privateKey: privateKey as string },
        new OutboundHttpServiceApiTransport(platformId as string),
        timeoutMs === undefined ? {} : { timeoutMs: timeoutMs as number },
      );
      byPlatform.set(platformId as string, new ChoiceGamingFreeRoundsProvider(client));
    } catch (error) {
      if (error instanceof ServiceApiConfigError) fail(`[${index}]: ${error.message}`);
      throw error;
    }
  });
  return { providerFor: (provider, platformId) => (provider === FreeRoundsProviderName.ChoiceGaming ? (byPlatform.get(platformId) ?? null) : null) };
}
