import { outboundAuthorizationHeaderFor } from '@wallet-platform/operator-api';
export const probe = outboundAuthorizationHeaderFor('games', 'a', 'b');
