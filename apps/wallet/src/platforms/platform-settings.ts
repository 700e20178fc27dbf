import type { PlatformApi } from '@wallet-platform/platform-registry';

/**
 * What the wallet needs to know of each game platform (per operator id): where its API and game
 * launcher live and the shared secret. The wallet's part of the platform registry
 * (`platformApisOf`, libs/platform-registry): every operator of an Operator API platform with an `api`.
 */
export type PlatformSettings = PlatformApi;

export const PLATFORM_SETTINGS = Symbol('PLATFORM_SETTINGS');

export function findPlatform(platforms: readonly PlatformSettings[], platformId: string, operatorId: string): PlatformSettings | undefined {
  return platforms.find((platform) => platform.platformId === platformId && platform.operatorId === operatorId);
}
