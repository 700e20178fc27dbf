import type { PlatformApi } from '@wallet-platform/platform-registry';

/**
 * A platform whose business reports we reconcile: the reporting service's part of the platform
 * registry (`reconciledPlatformApisOf`, libs/platform-registry): every operator of an Operator API
 * platform with an `api` whose `reconcile` is on (the default).
 */
export type ReconciledPlatform = Pick<PlatformApi, 'platformId' | 'operatorId' | 'secretKey' | 'apiBaseUrl'>;
