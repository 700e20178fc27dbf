import { OutboundApiName } from '@wallet-platform/operator-api';

/**
 * The platform APIs we call, by the name that goes into their X-Authorization hash
 * (sha1(apiName + operatorId + secretKey)). The protocol lib owns the table and the hash; this lib
 * only calls them.
 */
export { OutboundApiName as PlatformApiName, outboundAuthorizationHeaderFor as platformAuthorizationHeaderFor } from '@wallet-platform/operator-api';

export const PLATFORM_API_NAMES: readonly OutboundApiName[] = Object.values(OutboundApiName);
