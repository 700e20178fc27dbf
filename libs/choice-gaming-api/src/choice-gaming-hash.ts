import { createHash } from 'node:crypto';
import { hexDigestsEqual } from '@wallet-platform/protocol-kit';
import { SHA256_HEX_LENGTH } from './choice-gaming-limits';

/**
 * The `Hash` header of a provider request: hex sha256 over the private key followed by the raw
 * request body, byte for byte as it arrived. Hashing the bytes (not a re-serialised JSON) is the
 * only way both sides compute the same digest whatever the provider's JSON formatting.
 */
export function requestHashFor(privateKey: string, rawBody: Buffer): string {
  return createHash('sha256').update(Buffer.from(privateKey, 'utf8')).update(rawBody).digest('hex');
}

const HEX_DIGEST = new RegExp(`^[0-9A-Fa-f]{${SHA256_HEX_LENGTH}}$`);

/**
 * Checks the header in constant time, so timing does not reveal how many leading characters
 * matched. Hex is case-insensitive (nothing forbids capitals), so both sides are lowercased. A
 * missing header or one of the wrong shape is refused before comparing: the length of a sha256
 * digest is public, so that early exit reveals nothing secret.
 */
export function isRequestHashValid(header: string | undefined, privateKey: string, rawBody: Buffer): boolean {
  if (header === undefined || !HEX_DIGEST.test(header)) return false;
  return hexDigestsEqual(header, requestHashFor(privateKey, rawBody));
}
