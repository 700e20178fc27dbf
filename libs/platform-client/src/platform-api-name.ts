import { createHash } from 'node:crypto';

/**
 * The platform APIs we call, by the name that goes into their X-Authorization hash.
 *
 * The same table exists in `@wallet-platform/operator-api` (`OutboundApiName`,
 * `outboundAuthorizationHeaderFor`), but that lib is scoped to the gateway and this one is shared
 * (reporting and the catalog sync use it too), so the module-boundary rule forbids the import.
 * The hash is one line and pinned by tests that compute it independently; if the operator-api
 * helpers move to a shared lib, this file should re-export them instead.
 */
export const PlatformApiName = {
  Games: 'games',
  Lobbies: 'lobbies',
  BusinessReport: 'businessReport',
  BalanceLimits: 'balanceLimits',
  HandHistory: 'handHistory',
} as const;
export type PlatformApiName = (typeof PlatformApiName)[keyof typeof PlatformApiName];

export const PLATFORM_API_NAMES: readonly PlatformApiName[] = Object.values(PlatformApiName);

/**
 * X-Authorization of our calls to a platform: sha1(apiName + operatorId + secretKey) in lowercase
 * hex. A plain sha1 over concatenated strings, not an HMAC: we must compute what the platform does.
 */
export function platformAuthorizationHeaderFor(apiName: PlatformApiName, operatorId: string, secretKey: string): string {
  return createHash('sha1').update(apiName + operatorId + secretKey, 'utf8').digest('hex');
}
